package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.sampling.Tier;
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
 * and 18.16's JOINs are weaker still). Each value comes with the stored events behind it; on a downsampled tier a
 * bucket resting on too few is flagged low confidence ({@link Tier#lowConfidence}), and min, max and last say they
 * are values of the sample. An equation's bucket rests on the fewest stored events among its operands'.
 */
final class SeriesAssembly {

  private SeriesAssembly() {}

  /** A group of a series: attribute values by key, or the folded rest of a top-N. */
  record GroupKey(Map<String, String> group, boolean other) {}

  /** One series' values per bucket and the stored events behind each. */
  record Line(Double[] values, long[] events) {}

  /** One query's answer: a line per group, in display order, over the plan's buckets. */
  record QueryResult(
      PlannedQuery query, String unit, Map<GroupKey, Line> current, Map<GroupKey, Line> previous) {}

  /** A series of empty buckets: 0 for sums, counts and rates, null for values; no stored events. */
  static Line empty(PlannedQuery q, int buckets) {
    Double[] values = new Double[buckets];
    Arrays.fill(values, q.aggregate().zeroWhenEmpty() ? 0.0 : null);
    return new Line(values, new long[buckets]);
  }

  static int buckets(TimeseriesPlan plan) {
    return (int) (plan.range().seconds() / plan.intervalSeconds());
  }

  static TimeseriesResponse assemble(
      PreparedRequest prepared,
      List<QueryResult> results,
      List<TimeseriesRequest.Equation> requestOrder) {
    TimeseriesPlan plan = prepared.plan();
    Tier tier = prepared.choice().tier();
    int buckets = buckets(plan);
    Map<String, Map<GroupKey, Line>> current = new HashMap<>();
    Map<String, Map<GroupKey, Line>> previous = new HashMap<>();
    Map<String, Double> fill = new HashMap<>();
    Map<String, Boolean> sampleValues = new HashMap<>();
    List<Series> series = new ArrayList<>();
    long storedEvents = 0;
    for (QueryResult r : results) {
      PlannedQuery q = r.query();
      current.put(q.label(), r.current());
      previous.put(q.label(), r.previous());
      fill.put(q.label(), q.aggregate().zeroWhenEmpty() ? 0.0 : null);
      sampleValues.put(q.label(), !q.aggregate().extrapolated());
      for (Map.Entry<GroupKey, Line> e : r.current().entrySet()) {
        storedEvents += Arrays.stream(e.getValue().events()).sum();
        series.add(
            series(
                tier,
                q.label(),
                "query",
                q.metric(),
                q.aggregate().wireName(),
                null,
                r.unit(),
                e.getKey(),
                e.getValue(),
                !q.aggregate().extrapolated(),
                plan.compare() ? r.previous().get(e.getKey()) : null));
      }
    }
    Map<String, List<Series>> equationSeries = new HashMap<>();
    for (PlannedEquation e : plan.equations()) {
      Set<String> used = new LinkedHashSet<>();
      e.tree().collectLabels(used);
      Map<GroupKey, Line> lines = evaluate(e, used, current, fill, buckets);
      current.put(e.label(), lines);
      fill.put(e.label(), null);
      boolean sampleValued = used.stream().anyMatch(sampleValues::get);
      sampleValues.put(e.label(), sampleValued);
      Map<GroupKey, Line> before =
          plan.compare() ? evaluate(e, used, previous, fill, buckets) : null;
      previous.put(e.label(), before);
      List<Series> equation = new ArrayList<>();
      lines.forEach(
          (key, line) ->
              equation.add(
                  series(
                      tier,
                      e.label(),
                      "equation",
                      null,
                      null,
                      e.expression(),
                      null,
                      key,
                      line,
                      sampleValued,
                      before == null ? null : before.get(key))));
      equationSeries.put(e.label(), equation);
    }
    if (requestOrder != null) {
      requestOrder.forEach(e -> series.addAll(equationSeries.get(e.label())));
    }
    List<Long> timestamps = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      timestamps.add((plan.range().start() + i * plan.intervalSeconds()) * 1000);
    }
    return new TimeseriesResponse(
        Instant.ofEpochSecond(plan.range().start()).toString(),
        Instant.ofEpochSecond(plan.range().end()).toString(),
        plan.intervalSeconds(),
        timestamps,
        prepared.choice().describe(storedEvents),
        series);
  }

  private static Series series(
      Tier tier,
      String label,
      String type,
      String metric,
      String aggregate,
      String expression,
      String unit,
      GroupKey key,
      Line line,
      boolean sampleValued,
      Line previous) {
    List<Long> events = Arrays.stream(line.events()).boxed().toList();
    return new Series(
        label,
        type,
        metric,
        aggregate,
        expression,
        unit,
        key.group(),
        key.other(),
        Arrays.asList(line.values()),
        events,
        tier == Tier.EXACT ? null : events.stream().map(tier::lowConfidence).toList(),
        tier != Tier.EXACT && sampleValued ? Boolean.TRUE : null,
        previous == null ? null : Arrays.asList(previous.values()),
        null);
  }

  /**
   * Per group present in any operand, per bucket. An operand without that group reads as an empty bucket of its
   * aggregate (0 for counts and sums, null otherwise) resting on no stored events.
   */
  private static Map<GroupKey, Line> evaluate(
      PlannedEquation e,
      Set<String> used,
      Map<String, Map<GroupKey, Line>> series,
      Map<String, Double> fill,
      int buckets) {
    Set<GroupKey> groups = new LinkedHashSet<>();
    used.forEach(label -> groups.addAll(series.get(label).keySet()));
    if (groups.isEmpty()) {
      groups.add(new GroupKey(Map.of(), false));
    }
    Map<GroupKey, Line> out = new LinkedHashMap<>();
    for (GroupKey group : groups) {
      Double[] values = new Double[buckets];
      long[] events = new long[buckets];
      for (int i = 0; i < buckets; i++) {
        int bucket = i;
        values[i] =
            e.tree()
                .evaluate(
                    label -> {
                      Line operand = series.get(label).get(group);
                      return operand == null ? fill.get(label) : operand.values()[bucket];
                    });
        events[i] =
            used.stream()
                .mapToLong(
                    label -> {
                      Line operand = series.get(label).get(group);
                      return operand == null ? 0 : operand.events()[bucket];
                    })
                .min()
                .orElse(0);
      }
      out.put(group, new Line(values, events));
    }
    return out;
  }
}
