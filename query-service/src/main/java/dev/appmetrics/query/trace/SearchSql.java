package dev.appmetrics.query.trace;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterJson;
import dev.appmetrics.query.filter.FilterLimits;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.SearchRequest.Comparison;
import dev.appmetrics.query.trace.SearchRequest.Condition;
import dev.appmetrics.query.trace.SearchRequest.Having;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a cross-event search into one statement. Each condition becomes a per-trace aggregate over one table
 * (a primary-key range of the project and day partitions of the range), tagged with its index; the outer query
 * keeps the traces that every condition returned. UNION ALL instead of JOINs keeps it one pass per table and runs
 * on 18.16. One more part, the spans' extent per trace (not a condition), gives each found trace its whole start and
 * duration, so results sort by the trace's duration rather than by the matched events'. The page's traces are then
 * summed up by {@link TraceSummarySql}.
 * Tables, columns, aggregates and operators come from the allow-lists here; values pass through Sql.
 */
final class SearchSql {

  static final int MAX_CONDITIONS = 10;
  static final int MAX_TEXT = 200;

  /** The comparisons of {@code having} and {@code durationMs}, in the order the UI offers them. */
  static final List<String> OPERATORS = List.of(">", ">=", "<", "<=", "=", "!=");

  /** Each kind: its table, its first and last time column, and the column aggregates other than count() read. */
  private static final List<Kind> KINDS =
      List.of(
          new Kind("metric", "metric_events", "timestamp_ms", "timestamp_ms", "value"),
          new Kind("span", "spans", "start_timestamp_ms", "end_timestamp_ms", "duration_ms"),
          new Kind("log", "logs", "timestamp_ms", "timestamp_ms", null),
          new Kind("error", "errors", "timestamp_ms", "timestamp_ms", null));

  private static final List<String> MEASURE_AGGREGATES = List.of("sum", "min", "max", "avg");

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

  private record Kind(
      String name, String table, String firstColumn, String lastColumn, String measure) {

    /** count() for every kind; the measure's aggregates for a kind that has one. */
    List<String> aggregates() {
      List<String> aggregates = new ArrayList<>(List.of("count"));
      if (measure != null) {
        aggregates.addAll(MEASURE_AGGREGATES);
      }
      return List.copyOf(aggregates);
    }
  }

  /** A trace that met every condition, with the extent of its spans and matched events. */
  record Match(String traceId, long startMillis, long endMillis, long durationMs) {}

  private SearchSql() {}

  /** Which aggregates {@code having} takes for each kind of condition, the kinds in the order the UI offers them. */
  static Map<String, List<String>> aggregatesByKind() {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    KINDS.forEach(kind -> byKind.put(kind.name(), kind.aggregates()));
    return Collections.unmodifiableMap(byKind);
  }

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
      parts.add(condition(i, project, range, conditions.get(i), filters));
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

  private static String condition(
      int index, long project, TimeRange range, Condition condition, List<Filter> filters) {
    String field = "conditions[" + index + "]";
    if (condition == null) {
      throw ApiException.badRequest("'" + field + "' must not be null");
    }
    Kind kind =
        KINDS.stream()
            .filter(k -> k.name().equals(condition.kind()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "'"
                            + field
                            + ".kind' must be one of "
                            + String.join(", ", KINDS.stream().map(Kind::name).toList())));
    List<String> where = inRange(project, range);
    String k = condition.kind();
    allowed(field, "metric", condition.metric(), k.equals("metric"));
    allowed(
        field,
        "filter",
        condition.filter() == null || condition.filter().isNull() ? null : condition.filter(),
        k.equals("metric"));
    allowed(field, "op", condition.op(), k.equals("span"));
    allowed(field, "status", condition.status(), k.equals("span"));
    allowed(field, "durationMs", condition.durationMs(), k.equals("span"));
    allowed(field, "level", condition.level(), k.equals("log") || k.equals("error"));
    allowed(field, "exceptionType", condition.exceptionType(), k.equals("error"));
    allowed(field, "text", condition.text(), !k.equals("metric"));
    boolean spanOrError = k.equals("span") || k.equals("error");
    allowed(field, "transaction", condition.transaction(), spanOrError);
    allowed(field, "release", condition.release(), spanOrError);
    allowed(field, "environment", condition.environment(), spanOrError);
    if (k.equals("metric")) {
      where.add("metric_name = " + Sql.string(text(field + ".metric", condition.metric(), true)));
      Filter filter = FilterJson.fromRequest(condition.filter(), field + ".filter");
      filters.add(filter);
      if (!(filter instanceof Filter.All)) {
        where.add(FilterSql.condition(filter));
      }
    }
    equal(where, "op", field + ".op", condition.op());
    equal(where, "status", field + ".status", condition.status());
    equal(where, "level", field + ".level", condition.level());
    equal(where, "exception_type", field + ".exceptionType", condition.exceptionType());
    equal(where, "transaction", field + ".transaction", condition.transaction());
    equal(where, "release", field + ".release", condition.release());
    equal(where, "environment", field + ".environment", condition.environment());
    if (condition.text() != null) {
      String column =
          switch (k) {
            case "span" -> "description";
            case "log" -> "body";
            default -> "exception_value";
          };
      where.add(
          "positionCaseInsensitiveUTF8("
              + column
              + ", "
              + Sql.string(text(field + ".text", condition.text(), true))
              + ") > 0");
    }
    if (condition.durationMs() != null) {
      Comparison duration = condition.durationMs();
      where.add(
          "duration_ms "
              + operator(field + ".durationMs.operator", duration.operator())
              + " "
              + number(field + ".durationMs.value", duration.value()));
    }
    return "SELECT "
        + index
        + " AS condition_index, trace_id, min("
        + kind.firstColumn()
        + ") AS first_ms, max("
        + kind.lastColumn()
        + ") AS last_ms\n"
        + "  FROM "
        + kind.table()
        + "\n"
        + "  WHERE "
        + String.join(" AND ", where)
        + "\n"
        + "  GROUP BY trace_id\n"
        + "  HAVING "
        + having(field + ".having", kind, condition.having());
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

  private static String having(String field, Kind kind, Having having) {
    if (having == null) {
      return "count() > 0";
    }
    String aggregate = having.aggregate() == null ? "count" : having.aggregate();
    if (!kind.aggregates().contains(aggregate)) {
      throw ApiException.badRequest(
          "'"
              + field
              + ".aggregate' must be one of "
              + String.join(", ", kind.aggregates())
              + " for this kind");
    }
    String expression =
        aggregate.equals("count") ? "count()" : aggregate + "(" + kind.measure() + ")";
    return expression
        + " "
        + operator(field + ".operator", having.operator())
        + " "
        + number(field + ".value", having.value());
  }

  private static void allowed(String field, String name, Object value, boolean allowed) {
    if (value != null && !allowed) {
      throw ApiException.badRequest(
          "'" + field + "." + name + "' does not apply to this kind of condition");
    }
  }

  private static void equal(List<String> where, String column, String field, String value) {
    if (value != null) {
      where.add(column + " = " + Sql.string(text(field, value, false)));
    }
  }

  private static String text(String field, String value, boolean nonEmpty) {
    if (value == null || (nonEmpty && value.isEmpty()) || value.length() > MAX_TEXT) {
      throw ApiException.badRequest(
          "'"
              + field
              + "' must be a string of "
              + (nonEmpty ? 1 : 0)
              + " to "
              + MAX_TEXT
              + " characters");
    }
    return value;
  }

  private static String operator(String field, String operator) {
    if (operator == null || !OPERATORS.contains(operator)) {
      throw ApiException.badRequest(
          "'" + field + "' must be one of " + String.join(", ", OPERATORS));
    }
    return operator;
  }

  private static String number(String field, Double value) {
    if (value == null || !Sql.writable(value)) {
      throw ApiException.badRequest("'" + field + "' must be " + Sql.WRITABLE_NUMBER);
    }
    return Sql.number(value);
  }
}
