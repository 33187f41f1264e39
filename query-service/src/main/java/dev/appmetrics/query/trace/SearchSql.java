package dev.appmetrics.query.trace;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterLimits;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.SearchRequest.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a cross-event search into one statement. Each condition becomes a per-trace aggregate over one table
 * (a primary-key range of the project and day partitions of the range), tagged with its index
 * ({@link SearchConditionSql}); the outer query
 * keeps the traces that every condition returned. UNION ALL instead of JOINs keeps it one pass per table and runs
 * on 18.16. One more part, the spans' extent per trace (not a condition), gives each found trace its whole start and
 * duration, so results sort by the trace's duration rather than by the matched events'. The page's traces are then
 * summed up by {@link TraceSummarySql}.
 * Sorts come from the allow-list here, the conditions' tables, columns, aggregates and operators from
 * {@link SearchConditionSql}'s; values pass through Sql.
 */
final class SearchSql {

  static final int MAX_CONDITIONS = 10;

  /** sort -> ORDER BY; ties by trace id so pages are stable. */
  static final Map<String, String> SORTS =
      Map.of(
          "-start",
          "trace_start_ms DESC",
          "start",
          "trace_start_ms ASC",
          "-duration",
          "trace_duration_ms DESC",
          "duration",
          "trace_duration_ms ASC");

  /** The extent part's tag: above any condition's index, so it never counts as a condition met. */
  private static final int EXTENT = 255;

  /** A trace that met every condition, with the extent of its spans and matched events. */
  record Match(String traceId, long startMillis, long endMillis, long durationMs) {}

  private SearchSql() {}

  /** One row more than the limit, which says whether the answer was cut. */
  static Statement<Match> compile(
      long project, TimeRange range, List<Condition> conditions, String sort, int limit) {
    if (conditions == null || conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) {
      throw ApiException.badRequest(
          "'conditions' must have 1 to " + MAX_CONDITIONS + " conditions");
    }
    List<String> parts = new ArrayList<>();
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      parts.add(SearchConditionSql.part(i, inRange(project, range), conditions.get(i), filters));
    }
    // One statement holds every condition's filter, so together they meet the limits of one filter.
    String excess =
        filters.stream()
            .map(FilterLimits.Size::of)
            .reduce(FilterLimits.Size.NONE, FilterLimits.Size::plus)
            .excess();
    if (excess != null) {
      throw ApiException.badRequest("The filters of 'conditions' together: " + excess);
    }
    String order = SORTS.get(sort == null ? "-start" : sort);
    if (order == null) {
      throw ApiException.badRequest("'sort' must be one of -start, start, -duration, duration");
    }
    parts.add(
        "SELECT "
            + EXTENT
            + " AS condition_index, trace_id, min(start_timestamp_ms) AS first_ms, "
            + "max(end_timestamp_ms) AS last_ms\n"
            + "  FROM spans\n"
            + "  WHERE "
            + String.join(" AND ", inRange(project, range))
            + "\n"
            + "  GROUP BY trace_id");
    return new Statement<>(
        "SELECT trace_id, min(first_ms) AS trace_start_ms, max(last_ms) AS trace_end_ms, "
            + "trace_end_ms - trace_start_ms AS trace_duration_ms\n"
            + "FROM (\n"
            + String.join("\n  UNION ALL\n", parts)
            + "\n)\n"
            + "GROUP BY trace_id\n"
            + "HAVING uniqExactIf(condition_index, condition_index < "
            + EXTENT
            + ") = "
            + conditions.size()
            + "\n"
            + "ORDER BY "
            + order
            + ", trace_id\n"
            + "LIMIT "
            + (limit + 1)
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new Match(
                row.text("trace_id"),
                row.integer("trace_start_ms"),
                row.integer("trace_end_ms"),
                row.integer("trace_duration_ms")));
  }

  /** The project's rows of the range's day partitions that belong to a trace. */
  private static List<String> inRange(long project, TimeRange range) {
    return new ArrayList<>(
        List.of(
            "project_id = " + Sql.integer(project),
            "timestamp >= " + Sql.dateTime(range.start()),
            "timestamp < " + Sql.dateTime(range.end()),
            "trace_id != ''"));
  }
}
