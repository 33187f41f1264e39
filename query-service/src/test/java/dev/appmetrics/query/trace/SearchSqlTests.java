package dev.appmetrics.query.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.SearchRequest.Comparison;
import dev.appmetrics.query.trace.SearchRequest.Condition;
import dev.appmetrics.query.trace.SearchRequest.Having;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSqlTests {

  static final TimeRange RANGE = new TimeRange(1_764_064_800, 1_764_072_000);

  static Condition metric(String name, Having having) {
    return new Condition(
        "metric", name, null, null, null, null, null, null, null, null, null, null, having);
  }

  static Condition span(String op, Comparison duration, String text) {
    return new Condition(
        "span", null, null, op, null, null, null, text, null, null, null, duration, null);
  }

  @Test
  void metricAndSlowSpanBecomeTwoTaggedAggregatesIntersectedByTrace() {
    String sql =
        SearchSql.compile(
                12,
                RANGE,
                List.of(
                    metric("checkout.failed", new Having("sum", ">", 0.0)),
                    span("db.query", new Comparison(">", 500.0), null)),
                null,
                50)
            .sql();

    assertEquals(
        """
        SELECT trace_id, min(first_ms) AS trace_start_ms, max(last_ms) AS trace_end_ms, \
        trace_end_ms - trace_start_ms AS trace_duration_ms
        FROM (
        SELECT 0 AS condition_index, trace_id, min(timestamp_ms) AS first_ms, max(timestamp_ms) AS last_ms
          FROM metric_events
          WHERE project_id = 12 AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) \
        AND trace_id != '' AND metric_name = 'checkout.failed'
          GROUP BY trace_id
          HAVING sum(value) > 0
          UNION ALL
        SELECT 1 AS condition_index, trace_id, min(start_timestamp_ms) AS first_ms, max(end_timestamp_ms) AS last_ms
          FROM spans
          WHERE project_id = 12 AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) \
        AND trace_id != '' AND op = 'db.query' AND duration_ms > 500
          GROUP BY trace_id
          HAVING count() > 0
          UNION ALL
        SELECT 255 AS condition_index, trace_id, min(start_timestamp_ms) AS first_ms, max(end_timestamp_ms) AS last_ms
          FROM spans
          WHERE project_id = 12 AND timestamp >= toDateTime(1764064800) AND timestamp < toDateTime(1764072000) \
        AND trace_id != ''
          GROUP BY trace_id
        )
        GROUP BY trace_id
        HAVING uniqExactIf(condition_index, condition_index < 255) = 2
        ORDER BY trace_start_ms DESC, trace_id
        LIMIT 51
        FORMAT JSONCompact""",
        sql);
  }

  @Test
  void textIsEscapedNeverConcatenated() {
    String sql =
        SearchSql.compile(1, RANGE, List.of(span("x') OR 1=1 --", null, "it's \\ bad")), null, 10)
            .sql();

    assertTrue(sql.contains("op = 'x\\') OR 1=1 --'"), sql);
    assertTrue(
        sql.contains("positionCaseInsensitiveUTF8(description, 'it\\'s \\\\ bad') > 0"), sql);
  }

  @Test
  void operatorsAndAggregatesComeFromAllowLists() {
    assertThrows(
        ApiException.class,
        () ->
            SearchSql.compile(
                1, RANGE, List.of(span("db", new Comparison("> 0 OR 1 >", 1.0), null)), null, 10));
    assertThrows(
        ApiException.class,
        () ->
            SearchSql.compile(
                1,
                RANGE,
                List.of(metric("m", new Having("sum(value)) OR (1", ">", 1.0))),
                null,
                10));
    assertThrows(
        ApiException.class,
        () ->
            SearchSql.compile(
                1,
                RANGE,
                List.of(
                    new Condition(
                        "log",
                        null,
                        null,
                        null,
                        null,
                        "error",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new Having("max", ">", 1.0))),
                null,
                10));
  }

  @Test
  void thresholdsMustBeFiniteNumbers() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                SearchSql.compile(
                    1,
                    RANGE,
                    List.of(span("db", new Comparison(">", Double.NaN), null)),
                    null,
                    10));
    assertTrue(e.getMessage().contains("conditions[0].durationMs.value"), e.getMessage());
  }

  @Test
  void selectorsOfAnotherKindAreRefusedByName() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                SearchSql.compile(
                    1,
                    RANGE,
                    List.of(
                        new Condition(
                            "error",
                            null,
                            null,
                            "db.query",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)),
                    null,
                    10));
    assertTrue(e.getMessage().contains("conditions[0].op"), e.getMessage());
  }

  @Test
  void conditionCountIsBounded() {
    assertThrows(ApiException.class, () -> SearchSql.compile(1, RANGE, List.of(), null, 10));
    List<Condition> eleven = java.util.Collections.nCopies(11, span("db", null, null));
    assertThrows(ApiException.class, () -> SearchSql.compile(1, RANGE, eleven, null, 10));
  }

  @Test
  void sortsByTheTracesWholeDurationOrStartFromAnAllowList() {
    String sql =
        SearchSql.compile(1, RANGE, List.of(span("db", null, null)), "-duration", 10).sql();
    assertTrue(sql.contains("ORDER BY trace_duration_ms DESC, trace_id\nLIMIT 11\n"), sql);
    assertTrue(
        SearchSql.compile(1, RANGE, List.of(span("db", null, null)), "start", 10)
            .sql()
            .contains("ORDER BY trace_start_ms ASC, trace_id"));
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                SearchSql.compile(
                    1, RANGE, List.of(span("db", null, null)), "duration_ms; DROP", 10));
    assertTrue(e.getMessage().contains("'sort'"), e.getMessage());
  }

  @Test
  void releaseEnvironmentAndTransactionSelectSpansAndErrorsOnly() {
    String sql =
        SearchSql.compile(
                1,
                RANGE,
                List.of(
                    new Condition(
                        "span",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "/checkout",
                        "1.4.2",
                        "prod'",
                        null,
                        null)),
                null,
                10)
            .sql();
    assertTrue(
        sql.contains(
            "AND transaction = '/checkout' AND release = '1.4.2' AND environment = 'prod\\''"),
        sql);
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                SearchSql.compile(
                    1,
                    RANGE,
                    List.of(
                        new Condition(
                            "log", null, null, null, null, null, null, null, null, "1.4.2", null,
                            null, null)),
                    null,
                    10));
    assertTrue(e.getMessage().contains("conditions[0].release"), e.getMessage());
  }

  @Test
  void summariesReadThePageTracesByIdWithinTheirMinutes() {
    TimeRange around = new TimeRange(1_764_064_740, 1_764_064_861);
    assertEquals(
        """
        SELECT trace_id, count() AS spans, argMinIf(transaction, start_timestamp_ms, is_segment = 1) AS root_transaction, \
        argMinIf(op, start_timestamp_ms, is_segment = 1) AS root_op, \
        argMinIf(duration_ms, start_timestamp_ms, is_segment = 1) AS root_duration_ms, \
        argMinIf(release, start_timestamp_ms, is_segment = 1) AS root_release, \
        argMinIf(environment, start_timestamp_ms, is_segment = 1) AS root_environment, \
        countIf(is_segment = 1) AS segments
        FROM spans
        WHERE project_id = 3 AND timestamp >= toDateTime(1764064740) AND timestamp < toDateTime(1764064861) \
        AND trace_id IN ('a', 'b\\'')
        GROUP BY trace_id
        FORMAT JSONCompact""",
        TraceSummarySql.spanSummary(3, around, List.of("a", "b'")).sql());
    assertTrue(
        TraceSummarySql.metricSummary(3, around, List.of("a"))
            .sql()
            .contains("LIMIT 20 BY trace_id"));
  }
}
