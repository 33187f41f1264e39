package dev.appmetrics.query.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.query.filter.FilterParser;
import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.Selection.Grouping;
import dev.appmetrics.query.timeseries.Selection.Member;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden SQL: the exact text the builder produces for typical requests. */
class TimeseriesSqlTests {

  static final TimeRange RANGE = new TimeRange(1764064800, 1764072000);
  static final Set<AttributeType> ALL_TYPES = EnumSet.allOf(AttributeType.class);
  static final String ANY_TYPED_REGION =
      "multiIf(indexOf(attr_string_keys, 'region') > 0, attr_string_values[indexOf(attr_string_keys, 'region')], indexOf(attr_int_keys, 'region') > 0, toString(attr_int_values[indexOf(attr_int_keys, 'region')]), indexOf(attr_double_keys, 'region') > 0, toString(attr_double_values[indexOf(attr_double_keys, 'region')]), indexOf(attr_bool_keys, 'region') > 0, if(attr_bool_values[indexOf(attr_bool_keys, 'region')] = 1, 'true', 'false'), '')";

  static Selection selection(List<Grouping> groupBy, Member... members) {
    return new Selection(
        Tier.EXACT, List.of(12L, 7L), "checkout.latency", groupBy, RANGE, 60, List.of(members));
  }

  static String series(Selection s, List<List<String>> keptGroups) {
    return TimeseriesSql.series(s, keptGroups).sql();
  }

  static Member member(Aggregate aggregate, String filter) {
    return new Member(aggregate, FilterParser.parse(filter));
  }

  static List<Grouping> region(Set<AttributeType> types) {
    return List.of(new Grouping("region", types));
  }

  @Test
  void ungroupedPercentileWithoutFilter() {
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, quantileExactWeighted(0.95)(value, toUInt64(round(1000 / client_sample_rate))) AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket
        FORMAT JSONCompact""",
        series(selection(List.of(), member(Aggregate.P95, "")), null));
  }

  @Test
  void perSecondDividesByTheBucketWidth() {
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, sum(if(metric_kind = 'counter', value, 1) / client_sample_rate) / 60 AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND (value < 100)
        GROUP BY bucket
        FORMAT JSONCompact""",
        series(selection(List.of(), member(Aggregate.PER_SECOND, "value:<100")), null));
  }

  @Test
  void groupedByAKeyOfUnknownTypeReadsEveryTypedArray() {
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, %s AS g0, sum(1 / client_sample_rate) AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND NOT ((has(attr_string_keys, 'route') AND attr_string_values[indexOf(attr_string_keys, 'route')] IN ('/a')))
        GROUP BY bucket, g0
        FORMAT JSONCompact"""
            .formatted(ANY_TYPED_REGION),
        series(selection(region(ALL_TYPES), member(Aggregate.COUNT, "!route:/a")), null));
  }

  @Test
  void groupedByAStringKeyReadsOnlyTheStringArray() {
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, attr_string_values[indexOf(attr_string_keys, 'region')] AS g0, quantileExactWeighted(0.95)(value, toUInt64(round(1000 / client_sample_rate))) AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket, g0
        FORMAT JSONCompact""",
        series(
            selection(region(EnumSet.of(AttributeType.STRING)), member(Aggregate.P95, "")), null));
  }

  @Test
  void groupedByAKeyOfTwoTypesReadsBothArraysAndNoOther() {
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, multiIf(indexOf(attr_string_keys, 'region') > 0, attr_string_values[indexOf(attr_string_keys, 'region')], indexOf(attr_bool_keys, 'region') > 0, if(attr_bool_values[indexOf(attr_bool_keys, 'region')] = 1, 'true', 'false'), '') AS g0, max(value) AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket, g0
        FORMAT JSONCompact""",
        series(
            selection(
                region(EnumSet.of(AttributeType.STRING, AttributeType.BOOLEAN)),
                member(Aggregate.MAX, "")),
            null));
  }

  @Test
  void groupedByAKeyNoEventHasGroupsEverythingUnderTheEmptyValue() {
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, '' AS g0, min(value) AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket, g0
        FORMAT JSONCompact""",
        series(
            selection(region(EnumSet.noneOf(AttributeType.class)), member(Aggregate.MIN, "")),
            null));
  }

  @Test
  void apdexCountsShareOneScanWithConditionalAggregatesAndCountTheirOwnEvents() {
    String sql =
        series(
            selection(
                List.of(),
                member(Aggregate.COUNT, "value:<100"),
                member(Aggregate.COUNT, "value:>200 value:<400"),
                member(Aggregate.COUNT, "")),
            null);
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, sumIf(1 / client_sample_rate, (value < 100)) AS value_0, countIf((value < 100)) AS events_0, sumIf(1 / client_sample_rate, ((value > 200) AND (value < 400))) AS value_1, countIf(((value > 200) AND (value < 400))) AS events_1, sum(1 / client_sample_rate) AS value_2, count() AS events_2
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket
        FORMAT JSONCompact""",
        sql);
  }

  @Test
  void sharedStatementOfFilteredQueriesReadsTheRowsOfAnyFilter() {
    String sql =
        series(
            selection(
                region(EnumSet.of(AttributeType.STRING)),
                member(Aggregate.P95, "value:<100"),
                member(Aggregate.AVG, "cached:true"),
                member(Aggregate.LAST, "value:<100")),
            null);
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, attr_string_values[indexOf(attr_string_keys, 'region')] AS g0, quantileExactWeightedIf(0.95)(value, toUInt64(round(1000 / client_sample_rate)), (value < 100)) AS value_0, countIf((value < 100)) AS events_0, sumIf(value / client_sample_rate, ((has(attr_string_keys, 'cached') AND attr_string_values[indexOf(attr_string_keys, 'cached')] IN ('true')) OR (has(attr_bool_keys, 'cached') AND attr_bool_values[indexOf(attr_bool_keys, 'cached')] IN (1)))) / sumIf(1 / client_sample_rate, ((has(attr_string_keys, 'cached') AND attr_string_values[indexOf(attr_string_keys, 'cached')] IN ('true')) OR (has(attr_bool_keys, 'cached') AND attr_bool_values[indexOf(attr_bool_keys, 'cached')] IN (1)))) AS value_1, countIf(((has(attr_string_keys, 'cached') AND attr_string_values[indexOf(attr_string_keys, 'cached')] IN ('true')) OR (has(attr_bool_keys, 'cached') AND attr_bool_values[indexOf(attr_bool_keys, 'cached')] IN (1)))) AS events_1, argMaxIf(value, (timestamp_ms, value), (value < 100)) AS value_2, countIf((value < 100)) AS events_2
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND ((value < 100) OR ((has(attr_string_keys, 'cached') AND attr_string_values[indexOf(attr_string_keys, 'cached')] IN ('true')) OR (has(attr_bool_keys, 'cached') AND attr_bool_values[indexOf(attr_bool_keys, 'cached')] IN (1))))
        GROUP BY bucket, g0
        FORMAT JSONCompact""",
        sql);
  }

  @Test
  void queriesWithTheSameFilterShareItsWhereClauseWithoutConditions() {
    String sql =
        series(
            selection(
                List.of(),
                member(Aggregate.MIN, "value:<100"),
                member(Aggregate.MAX, "value:<100")),
            null);
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, min(value) AS value_0, count() AS events_0, max(value) AS value_1, count() AS events_1
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND (value < 100)
        GROUP BY bucket
        FORMAT JSONCompact""",
        sql);
  }

  @Test
  void topGroupsAreKeptAndTheRestFolded() {
    String sql =
        series(
            selection(region(ALL_TYPES), member(Aggregate.SUM, "")),
            List.of(List.of("eu"), List.of("it's")));
    assertEquals(
        """
        SELECT intDiv(toUInt32(timestamp), 60) * 60 AS bucket, %1$s NOT IN ('eu', 'it\\'s') AS is_other, if(is_other, '', %1$s) AS g0, sum(value / client_sample_rate) AS value_0, count() AS events_0
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000)
        GROUP BY bucket, is_other, g0
        FORMAT JSONCompact"""
            .formatted(ANY_TYPED_REGION),
        sql);
  }

  @Test
  void aTierIsReadLikeTheExactTableFromItsOwnTable() {
    Selection exact = selection(List.of(), member(Aggregate.COUNT, "value:<100"));
    Selection tier =
        new Selection(
            Tier.DOWNSAMPLE_64,
            exact.projects(),
            exact.metric(),
            exact.groupBy(),
            exact.range(),
            exact.intervalSeconds(),
            exact.members());
    assertEquals(
        series(exact, null).replace("FROM metric_events\n", "FROM metric_events_downsample_64\n"),
        series(tier, null));
    assertEquals(
        TimeseriesSql.ranking(exact, 3, true)
            .sql()
            .replace("FROM metric_events\n", "FROM metric_events_downsample_64\n"),
        TimeseriesSql.ranking(tier, 3, true).sql());
  }

  @Test
  void rankingOrdersGroupsByTheirTotalOverTheRange() {
    String sql =
        TimeseriesSql.ranking(
                selection(region(ALL_TYPES), member(Aggregate.PER_MINUTE, "retries:>2")), 5, false)
            .sql();
    assertEquals(
        """
        SELECT %s AS g0, sum(if(metric_kind = 'counter', value, 1) / client_sample_rate) * 60 / 7200 AS total
        FROM metric_events
        WHERE project_id IN (12, 7) AND metric_name = 'checkout.latency' AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) AND ((has(attr_int_keys, 'retries') AND attr_int_values[indexOf(attr_int_keys, 'retries')] > 2) OR (has(attr_double_keys, 'retries') AND attr_double_values[indexOf(attr_double_keys, 'retries')] > 2))
        GROUP BY g0
        ORDER BY total DESC, g0
        LIMIT 6
        FORMAT JSONCompact"""
            .formatted(ANY_TYPED_REGION),
        sql);
  }
}
