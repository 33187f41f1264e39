package dev.appmetrics.query.timeseries;

import dev.appmetrics.common.event.MetricKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The aggregates of each metric kind as ClickHouse expressions. Each event weighs {@code 1 / client_sample_rate}
 * in sums, counts, rates, averages and percentiles (extrapolation); min, max and last are values actually seen
 * and are not weighted. Percentiles use {@code quantileExactWeighted} (exact, no estimation error) with integer
 * weights {@code round(1000 / client_sample_rate)}, so a sample rate's weight is exact to 0.1%.
 */
public enum Aggregate {
  SUM("sum(value / client_sample_rate)", true, MetricKind.COUNTER, MetricKind.DISTRIBUTION),
  COUNT("sum(1 / client_sample_rate)", true, MetricKind.DISTRIBUTION),
  PER_SECOND("sum(if(metric_kind = 'counter', value, 1) / client_sample_rate) / %s", true, MetricKind.values()),
  PER_MINUTE("sum(if(metric_kind = 'counter', value, 1) / client_sample_rate) * 60 / %s", true, MetricKind.values()),
  MIN("min(value)", false, MetricKind.GAUGE, MetricKind.DISTRIBUTION),
  MAX("max(value)", false, MetricKind.GAUGE, MetricKind.DISTRIBUTION),
  AVG("sum(value / client_sample_rate) / sum(1 / client_sample_rate)", false, MetricKind.GAUGE, MetricKind.DISTRIBUTION),
  LAST("argMax(value, (timestamp_ms, value))", false, MetricKind.GAUGE),
  P50(0.5), P75(0.75), P90(0.9), P95(0.95), P99(0.99);

  private final String sql;
  private final boolean zeroWhenEmpty;
  private final Set<MetricKind> kinds;

  Aggregate(String sql, boolean zeroWhenEmpty, MetricKind... kinds) {
    this.sql = sql;
    this.zeroWhenEmpty = zeroWhenEmpty;
    this.kinds = EnumSet.of(kinds[0], kinds);
  }

  Aggregate(double level) {
    this("quantileExactWeighted(" + level + ")(value, toUInt64(round(1000 / client_sample_rate)))", false,
        MetricKind.DISTRIBUTION);
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
    return sql.contains("%s") ? String.format(Locale.ROOT, sql, seconds) : sql;
  }

  /** Sums, counts and rates read 0 in a bucket without events; values (min, avg, percentiles, …) read null. */
  public boolean zeroWhenEmpty() {
    return zeroWhenEmpty;
  }

  public boolean appliesTo(MetricKind kind) {
    return kinds.contains(kind);
  }

  /** Counts and rates have no unit of their own; every other aggregate has the metric's unit. */
  public boolean keepsUnit() {
    return this != COUNT && this != PER_SECOND && this != PER_MINUTE;
  }
}
