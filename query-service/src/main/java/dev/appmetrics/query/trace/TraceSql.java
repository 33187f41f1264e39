package dev.appmetrics.query.trace;

import dev.appmetrics.query.sql.AttributeColumns;
import dev.appmetrics.query.sql.Row;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.trace.TraceResponse.Frame;
import dev.appmetrics.query.trace.TraceResponse.Log;
import dev.appmetrics.query.trace.TraceResponse.MetricSample;
import dev.appmetrics.query.trace.TraceResponse.TraceError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements that read one trace, each with the decoder of its rows ({@link ComparableSql} finds the traces like
 * it). A trace is a primary-key range (project_id, trace_id) of spans, logs and errors in each day partition of the
 * range; metric_events is ordered by metric instead, so its trace lookup is bounded to the minutes the trace's other
 * events (or the sample) cover.
 */
final class TraceSql {

  /** A stored span, before the waterfall places it. */
  record StoredSpan(
      String spanId,
      String parentSpanId,
      boolean segment,
      String op,
      String description,
      String status,
      String transaction,
      String release,
      String environment,
      long startMillis,
      double durationMs,
      Map<String, Object> attributes) {}

  /** A log or error with its time in epoch milliseconds, which bounds the trace's metric lookup. */
  record Stamped<T>(long millis, T event) {}

  private TraceSql() {}

  private static String trace(long project, String traceId, TimeRange range) {
    return "project_id = "
        + Sql.integer(project)
        + " AND trace_id = "
        + Sql.string(traceId)
        + " AND timestamp >= "
        + Sql.dateTime(range.start())
        + " AND timestamp < "
        + Sql.dateTime(range.end());
  }

  static Statement<StoredSpan> spans(long project, String traceId, TimeRange range, int limit) {
    return new Statement<>(
        "SELECT span_id, parent_span_id, is_segment, op, description, status, transaction, release, "
            + "environment, start_timestamp_ms, duration_ms, "
            + AttributeColumns.SELECT
            + "\n"
            + "FROM spans\n"
            + "WHERE "
            + trace(project, traceId, range)
            + "\n"
            + "ORDER BY start_timestamp_ms, span_id\n"
            + "LIMIT "
            + limit
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new StoredSpan(
                row.text("span_id"),
                row.text("parent_span_id"),
                row.flag("is_segment"),
                row.text("op"),
                row.text("description"),
                row.text("status"),
                row.text("transaction"),
                row.text("release"),
                row.text("environment"),
                row.integer("start_timestamp_ms"),
                row.number("duration_ms"),
                AttributeColumns.read(row)));
  }

  static Statement<Stamped<Log>> logs(long project, String traceId, TimeRange range, int limit) {
    return new Statement<>(
        "SELECT timestamp_ms, span_id, level, body, "
            + AttributeColumns.SELECT
            + "\n"
            + "FROM logs\n"
            + "WHERE "
            + trace(project, traceId, range)
            + "\n"
            + "ORDER BY timestamp_ms\n"
            + "LIMIT "
            + limit
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new Stamped<>(
                row.integer("timestamp_ms"),
                new Log(
                    iso(row.integer("timestamp_ms")),
                    row.text("span_id"),
                    row.text("level"),
                    row.text("body"),
                    AttributeColumns.read(row))));
  }

  static Statement<Stamped<TraceError>> errors(
      long project, String traceId, TimeRange range, int limit) {
    return new Statement<>(
        "SELECT timestamp_ms, event_id, span_id, level, exception_type, exception_value, "
            + "frame_filenames, frame_functions, frame_lines, frame_in_app, release, environment, transaction\n"
            + "FROM errors\n"
            + "WHERE "
            + trace(project, traceId, range)
            + "\n"
            + "ORDER BY timestamp_ms, event_id\n"
            + "LIMIT "
            + limit
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new Stamped<>(
                row.integer("timestamp_ms"),
                new TraceError(
                    row.text("event_id"),
                    iso(row.integer("timestamp_ms")),
                    row.text("span_id"),
                    row.text("level"),
                    row.text("exception_type"),
                    row.text("exception_value"),
                    frames(row),
                    row.text("release"),
                    row.text("environment"),
                    row.text("transaction"))));
  }

  /** The frames' four parallel arrays, zipped. */
  private static List<Frame> frames(Row row) {
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < row.get("frame_filenames").size(); i++) {
      frames.add(
          new Frame(
              row.get("frame_filenames").get(i).asText(),
              row.get("frame_functions").get(i).asText(),
              row.get("frame_lines").get(i).asLong(),
              row.get("frame_in_app").get(i).asInt() == 1));
    }
    return frames;
  }

  static Statement<MetricSample> metrics(long project, String traceId, TimeRange range, int limit) {
    return new Statement<>(
        "SELECT timestamp_ms, span_id, metric_name, metric_kind, value, unit, client_sample_rate, "
            + AttributeColumns.SELECT
            + "\n"
            + "FROM metric_events\n"
            + "WHERE "
            + trace(project, traceId, range)
            + "\n"
            + "ORDER BY timestamp_ms, metric_name\n"
            + "LIMIT "
            + limit
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new MetricSample(
                iso(row.integer("timestamp_ms")),
                row.text("span_id"),
                row.text("metric_name"),
                row.text("metric_kind"),
                row.number("value"),
                row.text("unit"),
                row.number("client_sample_rate"),
                AttributeColumns.read(row)));
  }

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
