package dev.appmetrics.query.support;

import dev.appmetrics.common.testing.SamplingHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Aggregates computed the plain way, in Java, from the events a test wrote: the expected answers of the golden
 * tests, written without the code under test. Weighted percentiles follow quantileExactWeighted's definition:
 * sort by value, the first value whose cumulative weight reaches ceil(total weight x level).
 */
public final class Reference {

  private Reference() {}

  /**
   * What the tier of that weight holds of the events (all of them at weight 1), by the tiers' hash rule computed
   * apart from ClickHouse ({@link SamplingHash}; tests write every event at Kafka position 0/0 with a trace id).
   */
  public static List<TestEvent> inTier(List<TestEvent> events, int weight) {
    return weight == 1
        ? events
        : events.stream()
            .filter(e -> SamplingHash.keeps(e.traceId(), 0, 0, weight))
            .map(e -> e.inTier(weight))
            .toList();
  }

  /** The number of events per bucket of [start, start + buckets x interval) of a metric that pass the filter. */
  public static List<Long> stored(
      List<TestEvent> events,
      String metric,
      Predicate<TestEvent> filter,
      long start,
      long interval,
      int buckets) {
    List<Long> counts = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      long from = start + b * interval;
      counts.add(
          events.stream()
              .filter(
                  e ->
                      e.metric().equals(metric)
                          && e.bucketSecond() >= from
                          && e.bucketSecond() < from + interval)
              .filter(filter)
              .count());
    }
    return counts;
  }

  public static Double aggregate(String aggregate, List<TestEvent> events, long seconds) {
    boolean zero = List.of("sum", "count", "per_second", "per_minute").contains(aggregate);
    if (events.isEmpty()) {
      return zero ? 0.0 : null;
    }
    double weighted = 0;
    double weights = 0;
    double rate = 0;
    for (TestEvent e : events) {
      weighted += e.value() / e.sampleRate();
      weights += 1 / e.sampleRate();
      rate += (e.kind().equals("counter") ? e.value() : 1) / e.sampleRate();
    }
    return switch (aggregate) {
      case "sum" -> weighted;
      case "count" -> weights;
      case "per_second" -> rate / seconds;
      case "per_minute" -> rate * 60 / seconds;
      case "min" -> events.stream().mapToDouble(TestEvent::value).min().getAsDouble();
      case "max" -> events.stream().mapToDouble(TestEvent::value).max().getAsDouble();
      case "avg" -> weighted / weights;
      case "last" ->
          events.stream()
              .max(
                  Comparator.comparingLong(TestEvent::timestampMillis)
                      .thenComparingDouble(TestEvent::value))
              .get()
              .value();
      case "p50" -> quantile(events, 0.5);
      case "p75" -> quantile(events, 0.75);
      case "p90" -> quantile(events, 0.9);
      case "p95" -> quantile(events, 0.95);
      case "p99" -> quantile(events, 0.99);
      default -> throw new IllegalArgumentException(aggregate);
    };
  }

  static double quantile(List<TestEvent> events, double level) {
    List<TestEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingDouble(TestEvent::value));
    long total = 0;
    for (TestEvent e : sorted) {
      total += Math.round(1000 / e.sampleRate());
    }
    double threshold = Math.ceil(total * level);
    long accumulated = 0;
    for (TestEvent e : sorted) {
      accumulated += Math.round(1000 / e.sampleRate());
      if (accumulated >= threshold) {
        return e.value();
      }
    }
    return sorted.get(sorted.size() - 1).value();
  }

  /**
   * Every group of a metric's events in [start, end), as its values of {@code keys} (text, "" when absent), ranked
   * the way a top-N ranks them: by the aggregate over the whole range, then by the values in key order.
   */
  public static List<List<String>> ranked(
      List<TestEvent> events,
      String metric,
      String aggregate,
      List<String> keys,
      long start,
      long end,
      boolean descending) {
    Map<List<String>, List<TestEvent>> groups = new HashMap<>();
    events.stream()
        .filter(
            e -> e.metric().equals(metric) && e.bucketSecond() >= start && e.bucketSecond() < end)
        .forEach(
            e ->
                groups
                    .computeIfAbsent(keys.stream().map(e::text).toList(), g -> new ArrayList<>())
                    .add(e));
    Map<List<String>, Double> totals = new HashMap<>();
    groups.forEach((group, in) -> totals.put(group, aggregate(aggregate, in, end - start)));
    Comparator<List<String>> byTotal = Comparator.comparing(totals::get);
    Comparator<List<String>> byValues =
        (a, b) ->
            IntStream.range(0, keys.size())
                .map(i -> a.get(i).compareTo(b.get(i)))
                .filter(c -> c != 0)
                .findFirst()
                .orElse(0);
    return totals.keySet().stream()
        .sorted((descending ? byTotal.reversed() : byTotal).thenComparing(byValues))
        .toList();
  }

  /** One value per bucket of [start, start + buckets x interval) for the events of a metric that pass the filter. */
  public static List<Double> series(
      List<TestEvent> events,
      String metric,
      String aggregate,
      Predicate<TestEvent> filter,
      long start,
      long interval,
      int buckets) {
    List<Double> values = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      long from = start + b * interval;
      List<TestEvent> in =
          events.stream()
              .filter(
                  e ->
                      e.metric().equals(metric)
                          && e.bucketSecond() >= from
                          && e.bucketSecond() < from + interval)
              .filter(filter)
              .toList();
      values.add(aggregate(aggregate, in, interval));
    }
    return values;
  }
}
