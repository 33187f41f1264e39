package dev.appmetrics.query.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.query.filter.FilterParser;
import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.Aggregate;
import dev.appmetrics.query.timeseries.Selection;
import dev.appmetrics.query.timeseries.Selection.Grouping;
import dev.appmetrics.query.timeseries.Selection.Member;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden SQL of the heatmap: the timeseries WHERE clause, buckets and groups, then the value bucket of each row. */
class HeatmapSqlTests {

  static final Selection SELECTION =
      new Selection(
          Tier.EXACT,
          List.of(12L),
          "checkout.latency",
          List.of(new Grouping("region", EnumSet.of(AttributeType.STRING))),
          new TimeRange(1764064800, 1764072000),
          600,
          List.of(new Member(Aggregate.COUNT, FilterParser.parse("route:/api/*"))));
  static final String WHERE =
      "project_id IN (12) AND metric_name = 'checkout.latency' AND timestamp >= "
          + "toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND (has(attr_string_keys, 'route') AND "
          + "attr_string_values[indexOf(attr_string_keys, 'route')] LIKE '/api/%')";

  @Test
  void boundsReadThePositiveValuesOfTheFilteredRows() {
    assertEquals(
        "SELECT minIf(value, value > 0) AS low, maxIf(value, value > 0) AS high, countIf(value > 0) AS events\n"
            + "FROM metric_events\n"
            + "WHERE "
            + WHERE
            + "\n"
            + "FORMAT JSONCompact",
        HeatmapSql.bounds(SELECTION).sql());
  }

  @Test
  void aRowsCellIsTheNumberOfEdgesAtOrBelowItsValue() {
    assertEquals(
        "SELECT intDiv(toUInt32(timestamp), 600) * 600 AS bucket, "
            + "attr_string_values[indexOf(attr_string_keys, 'region')] AS g0, "
            + "(value >= 10) + (value >= 12.5) + (value >= 16) AS cell, sum(1 / client_sample_rate) AS weight, "
            + "count() AS events\n"
            + "FROM metric_events\n"
            + "WHERE "
            + WHERE
            + "\n"
            + "GROUP BY bucket, g0, cell\n"
            + "FORMAT JSONCompact",
        HeatmapSql.cells(SELECTION, List.of(10.0, 12.5, 16.0), null).sql());
  }

  @Test
  void aTopNFoldsTheOtherGroupsAsTimeseriesDoes() {
    String sql = HeatmapSql.cells(SELECTION, List.of(1.0, 10.0), List.of(List.of("eu"))).sql();
    assertEquals(
        true,
        sql.contains(
            "attr_string_values[indexOf(attr_string_keys, 'region')] NOT IN ('eu') AS is_other, "
                + "if(is_other, '', attr_string_values[indexOf(attr_string_keys, 'region')]) AS g0"),
        sql);
    assertEquals(true, sql.contains("GROUP BY bucket, is_other, g0, cell"), sql);
  }
}
