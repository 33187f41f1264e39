package dev.appmetrics.dashboard.mcp.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.dashboard.mcp.explain.Contributions.Group;
import dev.appmetrics.dashboard.mcp.explain.Contributions.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two timeseries answers of explain_change read back: the metric's value and events in each window, and per
 * attribute key its groups ranked by contribution. Keys are ordered by their top group's contribution, so the
 * first key's first group is what moved the metric most.
 */
record Breakdown(Side window, Side baseline, Map<String, List<Group>> byKey, long bucketSeconds) {

  static String valueLabel(int key) {
    return Character.toString('A' + 2 * (key + 1));
  }

  static String eventsLabel(int key) {
    return Character.toString('B' + 2 * (key + 1));
  }

  static Breakdown of(
      Aggregation aggregation, List<String> keys, JsonNode window, JsonNode baseline) {
    long bucket = window.path("intervalSeconds").asLong();
    Side now = sides(aggregation, window, -1, null).getOrDefault("", Side.NONE);
    Side before = sides(aggregation, baseline, -1, null).getOrDefault("", Side.NONE);
    Map<String, List<Group>> byKey = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      byKey.put(
          keys.get(i),
          Contributions.rank(
              aggregation,
              sides(aggregation, window, i, keys.get(i)),
              sides(aggregation, baseline, i, keys.get(i))));
    }
    Map<String, List<Group>> ordered = new LinkedHashMap<>();
    byKey.entrySet().stream()
        .sorted(
            Comparator.comparingDouble(
                    (Map.Entry<String, List<Group>> e) ->
                        e.getValue().isEmpty() ? 0 : -Math.abs(e.getValue().get(0).contribution()))
                .thenComparing(Map.Entry::getKey))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return new Breakdown(now, before, ordered, bucket);
  }

  /** Each group's value over the window and its events (events per second × bucket width, summed). */
  private static Map<String, Side> sides(
      Aggregation aggregation, JsonNode answer, int key, String keyName) {
    long bucket = answer.path("intervalSeconds").asLong();
    Map<String, List<Double>> values = series(answer, valueLabel(key), keyName);
    Map<String, List<Double>> rates = series(answer, eventsLabel(key), keyName);
    Map<String, Side> sides = new HashMap<>();
    values.forEach(
        (group, buckets) -> {
          List<Double> groupRates = rates.getOrDefault(group, List.of());
          double events = groupRates.stream().mapToDouble(r -> r == null ? 0 : r).sum() * bucket;
          Double value =
              aggregation.combine(
                  buckets, groupRates.isEmpty() ? nulls(buckets.size()) : groupRates);
          if (value != null || events > 0) {
            sides.put(group, new Side(value, events));
          }
        });
    return sides;
  }

  private static Map<String, List<Double>> series(JsonNode answer, String label, String keyName) {
    Map<String, List<Double>> series = new HashMap<>();
    for (JsonNode s : answer.path("series")) {
      if (label.equals(s.path("label").asText())) {
        List<Double> values = new ArrayList<>();
        s.path("values").forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
        series.put(keyName == null ? "" : s.path("group").path(keyName).asText(""), values);
      }
    }
    return series;
  }

  private static List<Double> nulls(int size) {
    List<Double> nulls = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      nulls.add(null);
    }
    return nulls;
  }

  Double change() {
    return window.value() == null || baseline.value() == null
        ? null
        : window.value() - baseline.value();
  }

  String topKey() {
    return byKey.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  Group topMover() {
    String key = topKey();
    return key == null ? null : byKey.get(key).get(0);
  }
}
