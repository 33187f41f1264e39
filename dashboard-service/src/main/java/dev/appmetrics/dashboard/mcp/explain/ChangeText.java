package dev.appmetrics.dashboard.mcp.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.dashboard.mcp.explain.Contributions.Group;
import dev.appmetrics.dashboard.mcp.read.SampleTools;
import dev.appmetrics.dashboard.mcp.text.Numbers;
import dev.appmetrics.dashboard.mcp.text.TextTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** explain_change's answer: the headline first (what moved the metric most), then the evidence. */
@ApplicationScoped
public class ChangeText {

  private final SampleTools samples;

  public ChangeText(SampleTools samples) {
    this.samples = samples;
  }

  String of(
      String metric,
      Aggregation aggregation,
      ChangeWindows windows,
      Breakdown breakdown,
      int top,
      String sampleFilter,
      JsonNode sampleAnswer) {
    Double change = breakdown.change();
    StringBuilder text = new StringBuilder();
    Group mover = breakdown.topMover();
    if (mover != null) {
      text.append("Moved most by ")
          .append(breakdown.topKey())
          .append('=')
          .append(label(mover))
          .append(": ")
          .append(Numbers.format(mover.baseline().value()))
          .append(" -> ")
          .append(Numbers.format(mover.window().value()))
          .append(", contribution ")
          .append(signed(mover.contribution()))
          .append(share(mover.contribution(), change))
          .append('\n');
    }
    text.append(aggregation.aggregate())
        .append('(')
        .append(metric)
        .append(") ")
        .append(Numbers.format(breakdown.baseline().value()))
        .append(" -> ")
        .append(Numbers.format(breakdown.window().value()))
        .append(" (")
        .append(
            change == null
                ? "no value in one window"
                : signed(change)
                    + ", "
                    + Numbers.percentChange(
                        breakdown.baseline().value(), breakdown.window().value()))
        .append(")\nwindow   ")
        .append(windows.start())
        .append(" to ")
        .append(windows.end())
        .append(", ")
        .append(Math.round(breakdown.window().events()))
        .append(" events\nbaseline ")
        .append(windows.baselineStart())
        .append(" to ")
        .append(windows.baselineEnd())
        .append(", ")
        .append(Math.round(breakdown.baseline().events()))
        .append(" events\n(")
        .append(windows.bucket().toSeconds())
        .append(" s buckets; contribution: ")
        .append(
            aggregation.combination() == Aggregation.Combination.WEIGHTED
                ? "share of events x value, window minus baseline"
                : "the group's own change")
        .append(")\n");
    for (Map.Entry<String, List<Group>> key : breakdown.byKey().entrySet()) {
      TextTable table =
          new TextTable(
              key.getKey(),
              "baseline",
              "window",
              "change",
              "events before",
              "events now",
              "contribution",
              "share of change");
      key.getValue().stream()
          .limit(top)
          .forEach(
              g ->
                  table.row(
                      label(g),
                      Numbers.format(g.baseline().value()),
                      Numbers.format(g.window().value()),
                      Numbers.percentChange(g.baseline().value(), g.window().value()),
                      Math.round(g.baseline().events()),
                      Math.round(g.window().events()),
                      signed(g.contribution()),
                      share(g.contribution(), change).replace(", ", "")));
      text.append("\nby ")
          .append(key.getKey())
          .append(" (")
          .append(key.getValue().size())
          .append(" values)\n")
          .append(table);
    }
    TextTable sampleTable = SampleTools.sampleTable();
    sampleAnswer.path("samples").forEach(s -> sampleTable.row(samples.sampleRow(s)));
    text.append("\nsample events in the window")
        .append(sampleFilter == null ? "" : " matching " + sampleFilter)
        .append('\n')
        .append(sampleTable.isEmpty() ? "none\n" : sampleTable.toString());
    return text.toString();
  }

  private static String label(Group group) {
    return group.value().isEmpty() ? "(not set)" : group.value();
  }

  private static String signed(double value) {
    return (value >= 0 ? "+" : "") + Numbers.format(value);
  }

  private static String share(double contribution, Double change) {
    if (change == null || change == 0) {
      return "";
    }
    return ", " + Math.round(contribution / change * 100) + "% of the change";
  }
}
