package dev.appmetrics.query.timeseries;

import dev.appmetrics.common.event.MetricKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The aggregates of each metric kind as ClickHouse expressions. Each event weighs {@code 1 / client_sample_rate}
 * in sums, counts, rates, averages and percentiles (extrapolation); min, max and last are values actually seen
 * and are not weighted. Percentiles use {@code quantileExactWeighted} (exact, no estimation error) with integer
 * weights {@code round(1000 / client_sample_rate)}, so a sample rate's weight is exact to 0.1%.
 *
 * <p>Every expression can take a condition: its aggregate functions then become their {@code -If} combinators
 * ({@code sumIf}, {@code quantileExactWeightedIf}, …, all on 18.16), so several queries of one metric share one
 * scan.
 *
 * <p>The order is the one people pick from, the first of a kind its natural default (count of a distribution, sum of
 * a counter, avg of a gauge); {@code GET /api/v1/catalog/aggregates} answers it per kind.
 */
public enum Aggregate {
  COUNT(
      true,
      (seconds, when) -> call("sum", "1 / client_sample_rate", when),
      MetricKind.DISTRIBUTION),
  SUM(
      true,
      (seconds, when) -> call("sum", "value / client_sample_rate", when),
      MetricKind.COUNTER,
      MetricKind.DISTRIBUTION),
  AVG(
      false,
      (seconds, when) ->
          call("sum", "value / client_sample_rate", when)
              + " / "
              + call("sum", "1 / client_sample_rate", when),
      MetricKind.GAUGE,
      MetricKind.DISTRIBUTION),
  MIN(
      false,
      (seconds, when) -> call("min", "value", when),
      MetricKind.GAUGE,
      MetricKind.DISTRIBUTION),
  MAX(
      false,
      (seconds, when) -> call("max", "value", when),
      MetricKind.GAUGE,
      MetricKind.DISTRIBUTION),
  LAST(
      false,
      (seconds, when) -> call("argMax", "value, (timestamp_ms, value)", when),
      MetricKind.GAUGE),
  P50(0.5),
  P75(0.75),
  P90(0.9),
  P95(0.95),
  P99(0.99),
  PER_SECOND(
      true,
      (seconds, when) ->
          call("sum", "if(metric_kind = 'counter', value, 1) / client_sample_rate", when)
              + " / "
              + seconds,
      MetricKind.values()),
  PER_MINUTE(
      true,
      (seconds, when) ->
          call("sum", "if(metric_kind = 'counter', value, 1) / client_sample_rate", when)
              + " * 60 / "
              + seconds,
      MetricKind.values());

  /** The expression over the rows of a span of that many seconds, counting only rows meeting the condition. */
  private interface Template {
    String sql(long seconds, String condition);
  }

  private final Template template;
  private final boolean zeroWhenEmpty;
  private final Set<MetricKind> kinds;

  Aggregate(boolean zeroWhenEmpty, Template template, MetricKind... kinds) {
    this.template = template;
    this.zeroWhenEmpty = zeroWhenEmpty;
    this.kinds = EnumSet.of(kinds[0], kinds);
  }

  Aggregate(double level) {
    this(
        false,
        (seconds, when) ->
            call(
                "quantileExactWeighted",
                "(" + level + ")",
                "value, toUInt64(round(1000 / client_sample_rate))",
                when),
        MetricKind.DISTRIBUTION);
  }

  /** {@code f(args)}, or {@code fIf(args, condition)} when there is a condition. */
  private static String call(String function, String arguments, String condition) {
    return call(function, "", arguments, condition);
  }

  /** The same for a parametric function: {@code f(params)(args)} or {@code fIf(params)(args, condition)}. */
  private static String call(
      String function, String parameters, String arguments, String condition) {
    return condition == null
        ? function + parameters + "(" + arguments + ")"
        : function + "If" + parameters + "(" + arguments + ", " + condition + ")";
  }

  public static Optional<Aggregate> parse(String name) {
    for (Aggregate aggregate : values()) {
      if (aggregate.wireName().equals(name)) {
        return Optional.of(aggregate);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The expression over the rows of one bucket (or of the whole range, for ranking groups) of that many seconds. */
  public String sql(long seconds) {
    return template.sql(seconds, null);
  }

  /** The same over only the rows meeting the condition, a ClickHouse boolean expression. */
  public String sqlWhere(long seconds, String condition) {
    return template.sql(seconds, condition);
  }

  /** Sums, counts and rates read 0 in a bucket without events; values (min, avg, percentiles, …) read null. */
  public boolean zeroWhenEmpty() {
    return zeroWhenEmpty;
  }

  public boolean appliesTo(MetricKind kind) {
    return kinds.contains(kind);
  }

  /** The aggregates a kind takes, in this enum's order. */
  public static List<Aggregate> of(MetricKind kind) {
    return Stream.of(values()).filter(aggregate -> aggregate.appliesTo(kind)).toList();
  }

  /** Whether it weights events (count, sum, rates, avg, percentiles); min, max and last are values seen. */
  public boolean extrapolated() {
    return this != MIN && this != MAX && this != LAST;
  }

  /** Counts and rates have no unit of their own; every other aggregate has the metric's unit. */
  public boolean keepsUnit() {
    return this != COUNT && this != PER_SECOND && this != PER_MINUTE;
  }
}
