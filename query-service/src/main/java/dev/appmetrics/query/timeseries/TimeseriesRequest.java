package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /api/v1/query/timeseries}; validated by {@link TimeseriesPlan}. {@code totals: true} adds
 * each series' value over the whole range ({@link Totals}).
 */
public record TimeseriesRequest(
    List<Long> projects,
    String start,
    String end,
    String period,
    String interval,
    List<Query> queries,
    List<Equation> equations,
    String compare,
    Boolean totals,
    String sampling) {

  /** {@code filter} is Sentry search syntax (a string) or the structured JSON form (an object). */
  public record Query(
      String label,
      String metric,
      String aggregate,
      JsonNode filter,
      List<String> groupBy,
      Integer limit,
      String order) {}

  public record Equation(String label, String expression) {}
}
