package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.timeseries.TimeseriesSqlTests.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.query.sampling.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden SQL of the shape statement, over the range of {@link TimeseriesSqlTests}. */
class MetricShapeSqlTests {

  @Test
  void shapeReadsKindsUnitAndTheKeyArraysOfEachGroupKey() {
    assertEquals(
        """
        SELECT count() AS events, groupUniqArray(toString(metric_kind)) AS kinds, anyIf(unit, unit != '') AS unit, max(has(attr_string_keys, 'it\\'s')) AS k0_string, max(has(attr_int_keys, 'it\\'s')) AS k0_integer, max(has(attr_double_keys, 'it\\'s')) AS k0_double, max(has(attr_bool_keys, 'it\\'s')) AS k0_boolean, max(has(attr_string_keys, 'region')) AS k1_string, max(has(attr_int_keys, 'region')) AS k1_integer, max(has(attr_double_keys, 'region')) AS k1_double, max(has(attr_bool_keys, 'region')) AS k1_boolean
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        FORMAT JSONCompact""",
        MetricShapeSql.shape(
                Tier.EXACT, List.of(12L, 7L), "checkout.latency", List.of("it's", "region"), RANGE)
            .sql());
  }

  @Test
  void shapeWithoutGroupKeysReadsKindsAndUnit() {
    assertEquals(
        """
        SELECT count() AS events, groupUniqArray(toString(metric_kind)) AS kinds, anyIf(unit, unit != '') AS unit
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        FORMAT JSONCompact""",
        MetricShapeSql.shape(Tier.EXACT, List.of(12L, 7L), "checkout.latency", List.of(), RANGE)
            .sql());
  }
}
