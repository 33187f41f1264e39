package dev.appmetrics.query.trace;

import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.time.TimeRange;
import java.util.Map;

/**
 * The SQL that reads one trace and its comparable traces. A trace is a primary-key range (project_id, trace_id)
 * of spans, logs and errors in each day partition of the range; metric_events is ordered by metric instead, so
 * its trace lookup is bounded to the minutes the trace's other events (or the sample) cover.
 */
final class TraceSql {

  static final String ATTRIBUTES = "attr_string_keys, attr_string_values, attr_int_keys, attr_int_values, "
      + "attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values";

  /** Span attributes comparable traces may match on, and their columns. */
  static final Map<String, String> MATCH_COLUMNS =
      Map.of("release", "release", "environment", "environment", "transaction", "transaction", "op", "op");

  private TraceSql() {}

  private static String trace(long project, String traceId, TimeRange range) {
    return "project_id = " + Sql.integer(project) + " AND trace_id = " + Sql.string(traceId)
        + " AND timestamp >= " + Sql.dateTime(range.start()) + " AND timestamp < " + Sql.dateTime(range.end());
  }

  static String spans(long project, String traceId, TimeRange range, int limit) {
    return "SELECT span_id, parent_span_id, is_segment, op, description, status, transaction, release, environment, "
        + "start_timestamp_ms, duration_ms, " + ATTRIBUTES + "\n"
        + "FROM spans\n"
        + "WHERE " + trace(project, traceId, range) + "\n"
        + "ORDER BY start_timestamp_ms, span_id\n"
        + "LIMIT " + limit + "\n"
        + "FORMAT JSONCompact";
  }

  static String logs(long project, String traceId, TimeRange range, int limit) {
    return "SELECT timestamp_ms, span_id, level, body, " + ATTRIBUTES + "\n"
        + "FROM logs\n"
        + "WHERE " + trace(project, traceId, range) + "\n"
        + "ORDER BY timestamp_ms\n"
        + "LIMIT " + limit + "\n"
        + "FORMAT JSONCompact";
  }

  static String errors(long project, String traceId, TimeRange range, int limit) {
    return "SELECT timestamp_ms, event_id, span_id, level, exception_type, exception_value, frame_filenames, "
        + "frame_functions, frame_lines, frame_in_app, release, environment, transaction\n"
        + "FROM errors\n"
        + "WHERE " + trace(project, traceId, range) + "\n"
        + "ORDER BY timestamp_ms, event_id\n"
        + "LIMIT " + limit + "\n"
        + "FORMAT JSONCompact";
  }

  static String metrics(long project, String traceId, TimeRange range, int limit) {
    return "SELECT timestamp_ms, span_id, metric_name, metric_kind, value, unit, client_sample_rate, " + ATTRIBUTES + "\n"
        + "FROM metric_events\n"
        + "WHERE " + trace(project, traceId, range) + "\n"
        + "ORDER BY timestamp_ms, metric_name\n"
        + "LIMIT " + limit + "\n"
        + "FORMAT JSONCompact";
  }

  /**
   * The segment (transaction) spans matching every attribute, closest in time first, one per trace. The window
   * bounds the day partitions read; the caller widens it step by step until enough traces are found.
   */
  static String comparable(long project, long timestampMillis, long windowSeconds, Map<String, String> match,
      String excludeTraceId, int limit) {
    long second = Math.floorDiv(timestampMillis, 1000);
    StringBuilder where = new StringBuilder("project_id = " + Sql.integer(project) + " AND is_segment = 1"
        + " AND timestamp >= " + Sql.dateTime(second - windowSeconds)
        + " AND timestamp < " + Sql.dateTime(second + windowSeconds));
    match.forEach((key, value) -> where.append(" AND ").append(MATCH_COLUMNS.get(key)).append(" = ").append(Sql.string(value)));
    if (excludeTraceId != null) {
      where.append(" AND trace_id != ").append(Sql.string(excludeTraceId));
    }
    return "SELECT trace_id, span_id, transaction, op, release, environment, status, start_timestamp_ms, duration_ms, "
        + "distance_ms\n"
        + "FROM (SELECT trace_id, span_id, transaction, op, release, environment, status, start_timestamp_ms, "
        + "duration_ms, abs(start_timestamp_ms - " + Sql.integer(timestampMillis) + ") AS distance_ms\n"
        + "  FROM spans\n"
        + "  WHERE " + where + ")\n"
        + "ORDER BY distance_ms, trace_id, span_id\n"
        + "LIMIT 1 BY trace_id\n"
        + "LIMIT " + limit + "\n"
        + "FORMAT JSONCompact";
  }

  /**
   * What trace search conditions can name, most frequent first: topK is one pass and approximate, which is what
   * autocomplete needs. An aggregate without GROUP BY always answers one row.
   */
  static String spanCatalog(long project, TimeRange range) {
    int k = TraceCatalog.MAX_VALUES;
    return "SELECT topK(" + k + ")(op), topK(" + k + ")(transaction), topK(" + k + ")(status), topK(" + k
        + ")(release), topK(" + k + ")(environment)\n"
        + "FROM spans\n"
        + "WHERE " + inRange(project, range) + "\n"
        + "FORMAT JSONCompact";
  }

  static String logCatalog(long project, TimeRange range) {
    return "SELECT topK(" + TraceCatalog.MAX_VALUES + ")(level)\nFROM logs\nWHERE " + inRange(project, range)
        + "\nFORMAT JSONCompact";
  }

  static String errorCatalog(long project, TimeRange range) {
    return "SELECT topK(" + TraceCatalog.MAX_VALUES + ")(exception_type)\nFROM errors\nWHERE " + inRange(project, range)
        + "\nFORMAT JSONCompact";
  }

  private static String inRange(long project, TimeRange range) {
    return "project_id = " + Sql.integer(project) + " AND timestamp >= " + Sql.dateTime(range.start())
        + " AND timestamp < " + Sql.dateTime(range.end());
  }
}
