package dev.appmetrics.query.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.query.filter.FilterParser;
import dev.appmetrics.query.time.TimeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden SQL: the exact text the builder produces for typical requests. */
class TimeseriesSqlTests {

  static final TimeRange RANGE = new TimeRange(1764064800, 1764072000);

  static TimeseriesSql.Selection selection(String filter, List<String> groupBy, Aggregate aggregate) {
    return new TimeseriesSql.Selection(List.of(12L, 7L), "checkout.latency", FilterParser.parse(filter), groupBy, RANGE,
        60, aggregate);
  }

  @Test
  void ungroupedPercentileWithoutFilter() {
    assertEquals("""
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, quantileExactWeighted(0.95)(value, toUInt64(round(1000 / client_sample_rate))) AS agg_value, any(metric_kind) AS kind, any(unit) AS metric_unit
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket
        FORMAT JSONCompact""", TimeseriesSql.series(selection("", List.of(), Aggregate.P95), null));
  }

  @Test
  void perSecondDividesByTheBucketWidth() {
    assertEquals("""
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, sum(if(metric_kind = 'counter', value, 1) / client_sample_rate) / 60 AS agg_value, any(metric_kind) AS kind, any(unit) AS metric_unit
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND (value < 100)
        GROUP BY bucket
        FORMAT JSONCompact""", TimeseriesSql.series(selection("value:<100", List.of(), Aggregate.PER_SECOND), null));
  }

  @Test
  void groupedWithAFilterOnAStringAttribute() {
    assertEquals("""
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, multiIf(indexOf(attr_string_keys, 'region') > 0, attr_string_values[indexOf(attr_string_keys, 'region')], indexOf(attr_int_keys, 'region') > 0, toString(attr_int_values[indexOf(attr_int_keys, 'region')]), indexOf(attr_double_keys, 'region') > 0, toString(attr_double_values[indexOf(attr_double_keys, 'region')]), indexOf(attr_bool_keys, 'region') > 0, if(attr_bool_values[indexOf(attr_bool_keys, 'region')] = 1, 'true', 'false'), '') AS g0, sum(1 / client_sample_rate) AS agg_value, any(metric_kind) AS kind, any(unit) AS metric_unit
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND NOT ((has(attr_string_keys, 'route') AND attr_string_values[indexOf(attr_string_keys, 'route')] IN ('/a')))
        GROUP BY bucket, g0
        FORMAT JSONCompact""", TimeseriesSql.series(selection("!route:/a", List.of("region"), Aggregate.COUNT), null));
  }

  @Test
  void topGroupsAreKeptAndTheRestFolded() {
    String sql = TimeseriesSql.series(selection("", List.of("region"), Aggregate.SUM), List.of(List.of("eu"), List.of("it's")));
    String region = "multiIf(indexOf(attr_string_keys, 'region') > 0, attr_string_values[indexOf(attr_string_keys, 'region')], indexOf(attr_int_keys, 'region') > 0, toString(attr_int_values[indexOf(attr_int_keys, 'region')]), indexOf(attr_double_keys, 'region') > 0, toString(attr_double_values[indexOf(attr_double_keys, 'region')]), indexOf(attr_bool_keys, 'region') > 0, if(attr_bool_values[indexOf(attr_bool_keys, 'region')] = 1, 'true', 'false'), '')";
    assertEquals("""
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, %1$s NOT IN ('eu', 'it\\'s') AS is_other, if(is_other, '', %1$s) AS g0, sum(value / client_sample_rate) AS agg_value, any(metric_kind) AS kind, any(unit) AS metric_unit
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket, is_other, g0
        FORMAT JSONCompact""".formatted(region), sql);
  }

  @Test
  void rankingOrdersGroupsByTheirTotalOverTheRange() {
    String sql = TimeseriesSql.ranking(selection("retries:>2", List.of("region"), Aggregate.PER_MINUTE), 5, false);
    assertEquals("""
        SELECT %s AS g0, sum(if(metric_kind = 'counter', value, 1) / client_sample_rate) * 60 / 7200 AS total, any(metric_kind) AS kind, any(unit) AS metric_unit
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND ((has(attr_int_keys, 'retries') AND attr_int_values[indexOf(attr_int_keys, 'retries')] > 2) OR (has(attr_double_keys, 'retries') AND attr_double_values[indexOf(attr_double_keys, 'retries')] > 2))
        GROUP BY g0
        ORDER BY total DESC, g0
        LIMIT 6
        FORMAT JSONCompact""".formatted(dev.appmetrics.query.sql.AttributeType.anyValueAsText("region")), sql);
  }
}
