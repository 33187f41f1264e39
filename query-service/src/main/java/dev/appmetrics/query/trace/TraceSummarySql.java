package dev.appmetrics.query.trace;

import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.SearchResponse.TraceMetric;
import java.util.List;

/**
 * What a list of found traces shows of each, in three small statements over the page's trace ids within their own
 * minutes: their spans and errors by primary key, their metric events by time.
 */
final class TraceSummarySql {

  /** Metric events per trace in a summary, the most frequent first. */
  static final int SUMMARY_METRICS = 20;

  /** A found trace's span count and root segment (the first of its segments; none when it has none). */
  record SpanSummary(
      String traceId,
      long spans,
      String transaction,
      String op,
      double durationMs,
      String release,
      String environment,
      long segments) {}

  record ErrorCount(String traceId, long errors) {}

  record MetricTotal(String traceId, TraceMetric metric) {}

  private TraceSummarySql() {}

  /**
   * Per found trace: its span count and its root transaction (its first segment): transaction, op, duration,
   * release and environment, and how many segments it has (none: no root to show).
   */
  static Statement<SpanSummary> spanSummary(long project, TimeRange range, List<String> traceIds) {
    String root = "start_timestamp_ms, is_segment = 1";
    return new Statement<>(
        "SELECT trace_id, count() AS spans, argMinIf(transaction, "
            + root
            + ") AS root_transaction, "
            + "argMinIf(op, "
            + root
            + ") AS root_op, argMinIf(duration_ms, "
            + root
            + ") AS root_duration_ms, "
            + "argMinIf(release, "
            + root
            + ") AS root_release, argMinIf(environment, "
            + root
            + ") AS root_environment, "
            + "countIf(is_segment = 1) AS segments\n"
            + "FROM spans\n"
            + "WHERE "
            + ofTraces(project, range, traceIds)
            + "\n"
            + "GROUP BY trace_id\n"
            + "FORMAT JSONCompact",
        row ->
            new SpanSummary(
                row.text("trace_id"),
                row.integer("spans"),
                row.text("root_transaction"),
                row.text("root_op"),
                row.number("root_duration_ms"),
                row.text("root_release"),
                row.text("root_environment"),
                row.integer("segments")));
  }

  static Statement<ErrorCount> errorSummary(long project, TimeRange range, List<String> traceIds) {
    return new Statement<>(
        "SELECT trace_id, count() AS errors\n"
            + "FROM errors\n"
            + "WHERE "
            + ofTraces(project, range, traceIds)
            + "\n"
            + "GROUP BY trace_id\n"
            + "FORMAT JSONCompact",
        row -> new ErrorCount(row.text("trace_id"), row.integer("errors")));
  }

  /** The metric events the traces carry, per trace and metric; metric_events is ordered by metric, so by time. */
  static Statement<MetricTotal> metricSummary(
      long project, TimeRange range, List<String> traceIds) {
    return new Statement<>(
        "SELECT trace_id, metric_name, count() AS events, sum(value) AS total, any(unit) AS metric_unit\n"
            + "FROM metric_events\n"
            + "WHERE "
            + ofTraces(project, range, traceIds)
            + "\n"
            + "GROUP BY trace_id, metric_name\n"
            + "ORDER BY trace_id, events DESC, metric_name\n"
            + "LIMIT "
            + SUMMARY_METRICS
            + " BY trace_id\n"
            + "FORMAT JSONCompact",
        row ->
            new MetricTotal(
                row.text("trace_id"),
                new TraceMetric(
                    row.text("metric_name"),
                    row.integer("events"),
                    row.number("total"),
                    row.text("metric_unit"))));
  }

  private static String ofTraces(long project, TimeRange range, List<String> traceIds) {
    return "project_id = "
        + Sql.integer(project)
        + " AND timestamp >= "
        + Sql.dateTime(range.start())
        + " AND timestamp < "
        + Sql.dateTime(range.end())
        + " AND trace_id IN "
        + Sql.strings(traceIds);
  }
}
