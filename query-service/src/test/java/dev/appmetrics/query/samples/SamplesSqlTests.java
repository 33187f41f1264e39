package dev.appmetrics.query.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.query.filter.FilterParser;
import dev.appmetrics.query.time.TimeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden SQL of a samples page: the bound subquery reads one column, the page only the rows up to the bound. */
class SamplesSqlTests {

  static final TimeRange RANGE = new TimeRange(1764064800, 1764072000);

  @Test
  void newestFirstIsBoundedOnThePrimaryKeysTimestamp() {
    assertEquals(
        """
        SELECT %s
        FROM metric_events
        WHERE project_id IN (12) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND ((has(attr_string_keys, 'region') AND attr_string_values[indexOf(attr_string_keys, 'region')] IN ('eu'))) AND timestamp >= (SELECT min(timestamp) FROM (SELECT timestamp FROM metric_events WHERE project_id IN (12) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND ((has(attr_string_keys, 'region') AND attr_string_values[indexOf(attr_string_keys, 'region')] IN ('eu'))) ORDER BY timestamp DESC LIMIT 51))
        ORDER BY timestamp_ms DESC, value DESC, project_id, trace_id, span_id, kafka_partition, kafka_offset
        LIMIT 0, 51
        FORMAT JSONCompact"""
            .formatted(SamplesSql.COLUMNS),
        SamplesSql.page(
                List.of(12L),
                "checkout.latency",
                FilterParser.parse("region:eu"),
                RANGE,
                SampleSort.NEWEST,
                0,
                50)
            .sql());
  }

  @Test
  void smallestFirstIsBoundedOnTheValueAndCountsThePagesBefore() {
    assertEquals(
        """
        SELECT %s
        FROM metric_events
        WHERE project_id IN (12) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND value <= (SELECT max(value) FROM (SELECT value FROM metric_events WHERE project_id IN (12) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) ORDER BY value ASC LIMIT 31))
        ORDER BY value ASC, timestamp_ms ASC, project_id, trace_id, span_id, kafka_partition, kafka_offset
        LIMIT 20, 11
        FORMAT JSONCompact"""
            .formatted(SamplesSql.COLUMNS),
        SamplesSql.page(
                List.of(12L),
                "checkout.latency",
                FilterParser.parse(""),
                RANGE,
                SampleSort.SMALLEST,
                20,
                10)
            .sql());
  }
}
