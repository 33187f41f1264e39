package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.dashboard.mcp.text.Numbers;
import dev.appmetrics.dashboard.mcp.text.TextTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A timeseries answer as text: one summary line per series, then the buckets as rows and the series as columns
 * (s1, s2, … named in the summary; bucket starts from the answer's epoch milliseconds), so a model reads a spike's time and size without parsing JSON.
 */
final class SeriesText {

  private SeriesText() {}

  static String of(JsonNode answer, int maxRows) {
    List<Long> timestamps = new ArrayList<>();
    answer.path("timestamps").forEach(t -> timestamps.add(t.asLong()));
    List<JsonNode> series = new ArrayList<>();
    answer.path("series").forEach(series::add);
    StringBuilder text =
        new StringBuilder()
            .append(answer.path("start").asText())
            .append(" to ")
            .append(answer.path("end").asText())
            .append(", buckets of ")
            .append(answer.path("intervalSeconds").asLong())
            .append(" s (")
            .append(timestamps.size())
            .append("), ")
            .append(series.size())
            .append(" series\n")
            .append(sampling(answer.path("sampling"), series));
    TextTable summary =
        new TextTable(
            "id", "series", "unit", "min", "avg", "max", "max at", "last", "prev avg", "change");
    for (int i = 0; i < series.size(); i++) {
      summary.row(summaryRow("s" + (i + 1), series.get(i), timestamps));
    }
    text.append(summary);
    if (maxRows > 0 && !timestamps.isEmpty() && !series.isEmpty()) {
      int from = Math.max(0, timestamps.size() - maxRows);
      List<String> header = new ArrayList<>(List.of("bucket start"));
      for (int i = 0; i < series.size(); i++) {
        header.add("s" + (i + 1));
      }
      TextTable buckets = new TextTable(header);
      for (int row = from; row < timestamps.size(); row++) {
        List<String> cells =
            new ArrayList<>(List.of(Instant.ofEpochMilli(timestamps.get(row)).toString()));
        for (JsonNode s : series) {
          cells.add(Numbers.format(value(s.path("values").path(row))));
        }
        buckets.row(cells);
      }
      text.append('\n')
          .append(from > 0 ? "the last " + maxRows + " of " + timestamps.size() + " buckets\n" : "")
          .append(buckets);
    }
    return text.toString();
  }

  /**
   * When a downsampled tier answered (docs/query.md, Downsampled tiers): the events the values are extrapolated from
   * and how many buckets rest on too few of them, so a model does not read a sparse bucket as a fact.
   */
  private static String sampling(JsonNode sampling, List<JsonNode> series) {
    if (sampling.isMissingNode() || sampling.path("tier").asText().equals("exact")) {
      return "";
    }
    long low = 0;
    for (JsonNode s : series) {
      for (JsonNode flag : s.path("lowConfidence")) {
        low += flag.asBoolean() ? 1 : 0;
      }
    }
    return "extrapolated from "
        + sampling.path("storedEvents").asLong()
        + " stored events of the "
        + sampling.path("tier").asText()
        + " tier (1 in "
        + sampling.path("weight").asInt()
        + " kept); "
        + low
        + " low-confidence buckets (fewer than 100 stored events); min, max and last are values of the sample\n";
  }

  private static List<String> summaryRow(String id, JsonNode series, List<Long> timestamps) {
    Stats now = Stats.of(series.path("values"));
    Stats previous = series.has("previous") ? Stats.of(series.path("previous")) : null;
    String maxAt =
        now.maxIndex < 0 || now.maxIndex >= timestamps.size()
            ? "-"
            : Instant.ofEpochMilli(timestamps.get(now.maxIndex)).toString();
    return List.of(
        id,
        name(series),
        series.path("unit").asText("-").isEmpty() ? "-" : series.path("unit").asText("-"),
        Numbers.format(now.min),
        Numbers.format(now.avg()),
        Numbers.format(now.max),
        maxAt,
        Numbers.format(now.last),
        previous == null ? "" : Numbers.format(previous.avg()),
        previous == null ? "" : Numbers.percentChange(previous.avg(), now.avg()));
  }

  /** A: p95(checkout.duration) route=/checkout, or f1 = A / B. */
  static String name(JsonNode series) {
    StringBuilder name = new StringBuilder(series.path("label").asText()).append(": ");
    if (series.hasNonNull("expression")) {
      name.append(series.path("expression").asText());
    } else {
      name.append(series.path("aggregate").asText())
          .append('(')
          .append(series.path("metric").asText())
          .append(')');
    }
    Iterator<Map.Entry<String, JsonNode>> groups = series.path("group").fields();
    while (groups.hasNext()) {
      Map.Entry<String, JsonNode> group = groups.next();
      name.append(' ').append(group.getKey()).append('=').append(group.getValue().asText());
    }
    if (series.path("other").asBoolean()) {
      name.append(" (other groups)");
    }
    return name.toString();
  }

  private static Double value(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? null : value.asDouble();
  }

  /** Over the buckets that have a value. */
  private record Stats(Double min, Double max, int maxIndex, Double last, double sum, int count) {

    static Stats of(JsonNode values) {
      Double min = null;
      Double max = null;
      Double last = null;
      int maxIndex = -1;
      double sum = 0;
      int count = 0;
      for (int i = 0; i < values.size(); i++) {
        Double v = value(values.get(i));
        if (v != null) {
          min = min == null ? v : Math.min(min, v);
          if (max == null || v > max) {
            max = v;
            maxIndex = i;
          }
          last = v;
          sum += v;
          count++;
        }
      }
      return new Stats(min, max, maxIndex, last, sum, count);
    }

    Double avg() {
      return count == 0 ? null : sum / count;
    }
  }
}
