package dev.appmetrics.query.trace;

import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.trace.ComparableResponse.ComparableTrace;
import java.util.Map;

/**
 * The statement that finds a trace's comparable traces: segment spans of the same attributes nearest in time, one per
 * trace, within a window of day partitions around the moment; attributes map to columns through the allow-list here.
 */
final class ComparableSql {

  /** Span attributes comparable traces may match on, and their columns. */
  static final Map<String, String> MATCH_COLUMNS =
      Map.of(
          "release",
          "release",
          "environment",
          "environment",
          "transaction",
          "transaction",
          "op",
          "op");

  private ComparableSql() {}

  /**
   * The segment (transaction) spans matching every attribute, closest in time first, one per trace. The window
   * bounds the day partitions read; the caller widens it step by step until enough traces are found.
   */
  static Statement<ComparableTrace> comparable(
      long project,
      long timestampMillis,
      long windowSeconds,
      Map<String, String> match,
      String excludeTraceId,
      int limit) {
    long second = Math.floorDiv(timestampMillis, 1000);
    StringBuilder where =
        new StringBuilder(
            "project_id = "
                + Sql.integer(project)
                + " AND is_segment = 1"
                + " AND timestamp >= "
                + Sql.dateTime(second - windowSeconds)
                + " AND timestamp < "
                + Sql.dateTime(second + windowSeconds));
    match.forEach(
        (key, value) ->
            where
                .append(" AND ")
                .append(MATCH_COLUMNS.get(key))
                .append(" = ")
                .append(Sql.string(value)));
    if (excludeTraceId != null) {
      where.append(" AND trace_id != ").append(Sql.string(excludeTraceId));
    }
    return new Statement<>(
        "SELECT trace_id, span_id, transaction, op, release, environment, status, "
            + "start_timestamp_ms, duration_ms, distance_ms\n"
            + "FROM (SELECT trace_id, span_id, transaction, op, release, environment, status, start_timestamp_ms, "
            + "duration_ms, abs(start_timestamp_ms - "
            + Sql.integer(timestampMillis)
            + ") AS distance_ms\n"
            + "  FROM spans\n"
            + "  WHERE "
            + where
            + ")\n"
            + "ORDER BY distance_ms, trace_id, span_id\n"
            + "LIMIT 1 BY trace_id\n"
            + "LIMIT "
            + limit
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new ComparableTrace(
                ComparableResponse.LABEL,
                row.text("trace_id"),
                row.text("span_id"),
                row.text("transaction"),
                row.text("op"),
                row.text("release"),
                row.text("environment"),
                row.text("status"),
                TraceSql.iso(row.integer("start_timestamp_ms")),
                row.number("duration_ms"),
                row.integer("distance_ms")));
  }
}
