package dev.appmetrics.query.heatmap;

import dev.appmetrics.query.heatmap.HeatmapResponse.Cell;
import dev.appmetrics.query.heatmap.HeatmapResponse.Series;
import dev.appmetrics.query.heatmap.HeatmapService.Plan;
import dev.appmetrics.query.heatmap.HeatmapSql.CellRow;
import dev.appmetrics.query.sampling.Sampling;
import dev.appmetrics.query.timeseries.Ranking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of {@link HeatmapSql#cells} as the answer: one series per group (a top-N's groups in rank order and then
 * the folded rest, otherwise by group values), each with its non-empty cells by time and value bucket.
 */
final class HeatmapCells {

  private record GroupKey(Map<String, String> group, boolean other) {}

  /** One group's cells and the weight of its events outside the value buckets. */
  private static final class Counts {
    final List<Cell> cells = new ArrayList<>();
    double outside;
  }

  private final Plan plan;
  private final List<Double> edges;
  private final Ranking ranking;

  HeatmapCells(Plan plan, List<Double> edges, Ranking ranking) {
    this.plan = plan;
    this.edges = edges;
    this.ranking = ranking;
  }

  HeatmapResponse response(String unit, Sampling sampling, List<CellRow> rows) {
    List<String> keys = plan.query().groupBy();
    Map<GroupKey, Counts> groups = new HashMap<>();
    for (CellRow row : rows) {
      Map<String, String> group = new TreeMap<>();
      if (!row.other()) {
        for (int i = 0; i < keys.size(); i++) {
          group.put(keys.get(i), row.group().get(i));
        }
      }
      Counts counts = groups.computeIfAbsent(new GroupKey(group, row.other()), g -> new Counts());
      if (row.cell() == 0 || row.cell() >= edges.size()) {
        counts.outside += row.weight();
      } else {
        int time = (int) ((row.bucket() - plan.range().start()) / plan.intervalSeconds());
        counts.cells.add(new Cell(time, row.cell() - 1, row.weight()));
      }
    }
    List<Series> series = new ArrayList<>();
    ordered(groups, keys)
        .forEach(
            (key, counts) -> {
              counts.cells.sort(Comparator.comparingInt(Cell::time).thenComparingInt(Cell::bucket));
              series.add(new Series(key.group(), key.other(), counts.cells, counts.outside));
            });
    List<Long> timestamps = new ArrayList<>();
    for (long t = plan.range().start(); t < plan.range().end(); t += plan.intervalSeconds()) {
      timestamps.add(t * 1000);
    }
    return new HeatmapResponse(
        Instant.ofEpochSecond(plan.range().start()).toString(),
        Instant.ofEpochSecond(plan.range().end()).toString(),
        plan.intervalSeconds(),
        timestamps,
        sampling,
        unit,
        edges,
        series);
  }

  private Map<GroupKey, Counts> ordered(Map<GroupKey, Counts> groups, List<String> keys) {
    Map<GroupKey, Counts> ordered = new LinkedHashMap<>();
    if (ranking.top() != null) {
      for (List<String> top : ranking.top()) {
        Map<String, String> group = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
          group.put(keys.get(i), top.get(i));
        }
        GroupKey key = new GroupKey(group, false);
        if (groups.containsKey(key)) {
          ordered.put(key, groups.get(key));
        }
      }
      groups.entrySet().stream()
          .filter(e -> e.getKey().other())
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    } else {
      groups.entrySet().stream()
          .sorted(Comparator.comparing(e -> String.join("\u0000", e.getKey().group().values())))
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    }
    return ordered;
  }
}
