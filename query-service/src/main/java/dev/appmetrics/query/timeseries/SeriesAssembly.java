package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedEquation;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import dev.appmetrics.query.timeseries.TimeseriesResponse.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of a timeseries request out of its queries' results: one series per query and group, and the
 * equations evaluated in Java over series matched by group (per SigNoz's experience a JOIN in ClickHouse is slower,
 * and 18.16's JOINs are weaker still).
 */
final class SeriesAssembly {

  private SeriesAssembly() {}

  /** A group of a series: attribute values by key, or the folded rest of a top-N. */
  record GroupKey(Map<String, String> group, boolean other) {}

  /** One query's answer: values per group, in display order, over the plan's buckets. */
  record QueryResult(PlannedQuery query, String unit, Map<GroupKey, Double[]> current, Map<GroupKey, Double[]> previous) {}

  /** A series of empty buckets: 0 for sums, counts and rates, null for values. */
  static Double[] empty(PlannedQuery q, int buckets) {
    Double[] values = new Double[buckets];
    Arrays.fill(values, q.aggregate().zeroWhenEmpty() ? 0.0 : null);
    return values;
  }

  static int buckets(TimeseriesPlan plan) {
    return (int) (plan.range().seconds() / plan.intervalSeconds());
  }

  static TimeseriesResponse assemble(TimeseriesPlan plan, List<QueryResult> results,
      List<TimeseriesRequest.Equation> requestOrder) {
    int buckets = buckets(plan);
    Map<String, Map<GroupKey, Double[]>> current = new HashMap<>();
    Map<String, Map<GroupKey, Double[]>> previous = new HashMap<>();
    Map<String, Double> fill = new HashMap<>();
    List<Series> series = new ArrayList<>();
    for (QueryResult r : results) {
      PlannedQuery q = r.query();
      current.put(q.label(), r.current());
      previous.put(q.label(), r.previous());
      fill.put(q.label(), q.aggregate().zeroWhenEmpty() ? 0.0 : null);
      r.current().forEach((key, values) -> series.add(new Series(q.label(), "query", q.metric(),
          q.aggregate().wireName(), null, r.unit(), key.group(), key.other(), Arrays.asList(values),
          plan.compare() ? Arrays.asList(r.previous().get(key)) : null, null)));
    }
    Map<String, List<Series>> equationSeries = new HashMap<>();
    for (PlannedEquation e : plan.equations()) {
      Map<GroupKey, Double[]> values = evaluate(e, current, fill, buckets);
      current.put(e.label(), values);
      fill.put(e.label(), null);
      Map<GroupKey, Double[]> before = plan.compare() ? evaluate(e, previous, fill, buckets) : null;
      previous.put(e.label(), before);
      List<Series> lines = new ArrayList<>();
      values.forEach((key, v) -> lines.add(new Series(e.label(), "equation", null, null, e.expression(), null,
          key.group(), key.other(), Arrays.asList(v), before == null ? null : Arrays.asList(before.get(key)), null)));
      equationSeries.put(e.label(), lines);
    }
    if (requestOrder != null) {
      requestOrder.forEach(e -> series.addAll(equationSeries.get(e.label())));
    }
    List<Long> timestamps = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      timestamps.add((plan.range().start() + i * plan.intervalSeconds()) * 1000);
    }
    return new TimeseriesResponse(Instant.ofEpochSecond(plan.range().start()).toString(),
        Instant.ofEpochSecond(plan.range().end()).toString(), plan.intervalSeconds(), timestamps, series);
  }

  /**
   * Per group present in any operand, per bucket. An operand without that group reads as an empty bucket of its
   * aggregate (0 for counts and sums, null otherwise).
   */
  private static Map<GroupKey, Double[]> evaluate(PlannedEquation e, Map<String, Map<GroupKey, Double[]>> series,
      Map<String, Double> fill, int buckets) {
    Set<String> used = new LinkedHashSet<>();
    e.tree().collectLabels(used);
    Set<GroupKey> groups = new LinkedHashSet<>();
    used.forEach(label -> groups.addAll(series.get(label).keySet()));
    if (groups.isEmpty()) {
      groups.add(new GroupKey(Map.of(), false));
    }
    Map<GroupKey, Double[]> out = new LinkedHashMap<>();
    for (GroupKey group : groups) {
      Double[] values = new Double[buckets];
      for (int i = 0; i < buckets; i++) {
        int bucket = i;
        values[i] = e.tree().evaluate(label -> {
          Double[] operand = series.get(label).get(group);
          return operand == null ? fill.get(label) : operand[bucket];
        });
      }
      out.put(group, values);
    }
    return out;
  }
}
