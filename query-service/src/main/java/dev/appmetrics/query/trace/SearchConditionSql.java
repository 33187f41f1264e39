package dev.appmetrics.query.trace;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterJson;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.trace.SearchRequest.Comparison;
import dev.appmetrics.query.trace.SearchRequest.Condition;
import dev.appmetrics.query.trace.SearchRequest.Having;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One condition of a trace search as its part of {@link SearchSql}'s union: a per-trace aggregate over its kind's
 * table, tagged with the condition's index. The condition's fields are checked against its kind; tables, columns,
 * aggregates and operators come from the allow-lists here, values pass through Sql.
 */
final class SearchConditionSql {

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

  private SearchConditionSql() {}

  /** Which aggregates {@code having} takes for each kind of condition, the kinds in the order the UI offers them. */
  static Map<String, List<String>> aggregatesByKind() {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    KINDS.forEach(kind -> byKind.put(kind.name(), kind.aggregates()));
    return Collections.unmodifiableMap(byKind);
  }

  /**
   * The part of condition {@code index}: the trace ids it finds, with their first and last event times, among the
   * rows {@code where} selects (the search's project and range), to which it adds the condition's own terms. A metric
   * condition's filter is added to {@code filters}.
   */
  static String part(int index, List<String> where, Condition condition, List<Filter> filters) {
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
