package dev.appmetrics.query.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Traces that meet every condition, each condition on one kind of event of the trace:
 * <pre>
 * {"kind": "metric", "metric": "checkout.failed", "having": {"aggregate": "sum", "operator": ">", "value": 0}}
 * {"kind": "span", "op": "db.query", "durationMs": {"operator": ">", "value": 500}}
 * {"kind": "log", "level": "error", "text": "timeout"}
 * {"kind": "error", "exceptionType": "TypeError"}
 * </pre>
 */
public record SearchRequest(
    Long project,
    String start,
    String end,
    String period,
    List<Condition> conditions,
    String sort,
    Integer limit) {

  /**
   * Row selectors (all optional but {@code metric} for metrics) pick a trace's events of one kind; {@code having}
   * then compares an aggregate of them, count() > 0 when absent. {@code text} is a case-insensitive substring of a
   * span's description, a log's body or an error's value; {@code filter} is a metric attribute filter;
   * {@code transaction}, {@code release} and {@code environment} select spans and errors.
   */
  public record Condition(
      String kind,
      String metric,
      JsonNode filter,
      String op,
      String status,
      String level,
      String exceptionType,
      String text,
      String transaction,
      String release,
      String environment,
      Comparison durationMs,
      Having having) {}

  public record Comparison(String operator, Double value) {}

  /** {@code aggregate}: count for every kind; sum, min, max, avg of a metric's value or of a span's duration. */
  public record Having(String aggregate, String operator, Double value) {}
}
