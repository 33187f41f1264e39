package dev.appmetrics.dashboard.web;

import dev.appmetrics.dashboard.explorer.TestOrganization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as the ingest side stores it (spans, logs, errors rows) and what its trace view must show: the spans in
 * waterfall order (depth first, children by start time), the error with its in-app frame, the log bodies.
 */
record StoredTrace(
    String traceId,
    Instant start,
    Map<String, String> attributes,
    String sampleSpanId,
    List<Map<String, Object>> spans,
    List<Map<String, Object>> logs,
    List<Map<String, Object>> errors,
    Map<String, Object> expected) {

  /**
   * POST /checkout whose db.query span timed out: segment, then the sample's span (checkout.process) with the failing
   * db.query and a payment call under it; the error and an error log in the db.query span, an info log in the sample's.
   */
  static StoredTrace failingCheckout(TestOrganization org, String traceId, Instant sampleAt) {
    Map<String, String> attributes = DebuggingFlowEndToEndTest.CHECKOUT;
    long at = sampleAt.toEpochMilli();
    String segment = ClickHouseSeed.spanId();
    String process = ClickHouseSeed.spanId();
    String query = ClickHouseSeed.spanId();
    String payment = ClickHouseSeed.spanId();
    List<Map<String, Object>> spans =
        List.of(
            span(
                org,
                traceId,
                segment,
                "",
                segment,
                "http.server",
                "POST /checkout",
                "internal_error",
                attributes,
                at - 1000,
                3000),
            span(
                org,
                traceId,
                process,
                segment,
                segment,
                "function",
                "checkout.process",
                "ok",
                attributes,
                at - 900,
                2800),
            span(
                org,
                traceId,
                query,
                process,
                segment,
                "db.query",
                "SELECT * FROM orders WHERE id = $1",
                "deadline_exceeded",
                attributes,
                at - 800,
                2000),
            span(
                org,
                traceId,
                payment,
                process,
                segment,
                "http.client",
                "POST https://payments.example/charge",
                "ok",
                attributes,
                at + 1300,
                500));
    String started = "checkout started for order 8812";
    String timedOut = "order 8812 lookup timed out after 2000 ms";
    List<Map<String, Object>> logs =
        List.of(
            log(org, traceId, process, at - 850, "info", started, attributes),
            log(org, traceId, query, at + 1200, "error", timedOut, attributes));
    String type = "QueryTimeoutError";
    String value = "canceling statement due to statement timeout";
    Map<String, Object> error = ClickHouseSeed.owned(org);
    error.put("event_id", ClickHouseSeed.traceId());
    error.put("trace_id", traceId);
    error.put("span_id", query);
    error.put("timestamp", Math.floorDiv(at + 1200, 1000));
    error.put("timestamp_ms", at + 1200);
    error.put("level", "error");
    error.put("exception_type", type);
    error.put("exception_value", value);
    // Outermost first, innermost last, as Sentry sends them.
    error.put(
        "frame_filenames",
        List.of("src/routes/checkout.ts", "src/db/orders.ts", "node_modules/pg/lib/client.js"));
    error.put("frame_functions", List.of("handleCheckout", "loadOrder", "Client.query"));
    error.put("frame_lines", List.of(17, 42, 526));
    error.put("frame_in_app", List.of(1, 1, 0));
    error.put("release", attributes.get("sentry.release"));
    error.put("environment", attributes.get("sentry.environment"));
    error.put("transaction", attributes.get("sentry.transaction"));
    error.put("received_at", Math.floorDiv(at + 1200, 1000));

    Map<String, Object> expected = waterfall(traceId, spans);
    expected.put("sampleSpan", process);
    expected.put("errorSpan", query);
    expected.put(
        "error",
        Map.of(
            "type",
            type,
            "value",
            value,
            "frame",
            Map.of("function", "loadOrder", "filename", "src/db/orders.ts", "line", 42)));
    expected.put("logs", List.of(started, timedOut));
    return new StoredTrace(
        traceId,
        Instant.ofEpochMilli(at - 1000),
        attributes,
        process,
        spans,
        logs,
        List.of(error),
        expected);
  }

  /** A quick, successful POST /checkout: its segment and one db.query. */
  static StoredTrace okCheckout(
      TestOrganization org, String traceId, Instant start, Map<String, String> attributes) {
    long at = start.toEpochMilli();
    String segment = ClickHouseSeed.spanId();
    List<Map<String, Object>> spans =
        List.of(
            span(
                org,
                traceId,
                segment,
                "",
                segment,
                "http.server",
                "POST /checkout",
                "ok",
                attributes,
                at,
                800),
            span(
                org,
                traceId,
                ClickHouseSeed.spanId(),
                segment,
                segment,
                "db.query",
                "SELECT * FROM carts WHERE id = $1",
                "ok",
                attributes,
                at + 100,
                120));
    return new StoredTrace(
        traceId,
        start,
        attributes,
        segment,
        spans,
        List.of(),
        List.of(),
        waterfall(traceId, spans));
  }

  /** The spans in the order they were listed, which the factories keep depth first with children by start time. */
  private static Map<String, Object> waterfall(String traceId, List<Map<String, Object>> spans) {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("traceId", traceId);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> span : spans) {
      rows.add(
          Map.of(
              "spanId",
              span.get("span_id"),
              "op",
              span.get("op"),
              "description",
              span.get("description")));
    }
    expected.put("spans", rows);
    return expected;
  }

  static Map<String, Object> span(
      TestOrganization org,
      String traceId,
      String spanId,
      String parent,
      String segment,
      String op,
      String description,
      String status,
      Map<String, String> attributes,
      long startMillis,
      long durationMillis) {
    Map<String, Object> row = ClickHouseSeed.owned(org);
    row.put("trace_id", traceId);
    row.put("span_id", spanId);
    row.put("parent_span_id", parent);
    row.put("segment_id", segment);
    row.put("is_segment", spanId.equals(segment) ? 1 : 0);
    row.put("op", op);
    row.put("description", description);
    row.put("status", status);
    row.put("transaction", attributes.get("sentry.transaction"));
    row.put("release", attributes.get("sentry.release"));
    row.put("environment", attributes.get("sentry.environment"));
    row.put("timestamp", Math.floorDiv(startMillis, 1000));
    row.put("start_timestamp_ms", startMillis);
    row.put("end_timestamp_ms", startMillis + durationMillis);
    row.put("duration_ms", (double) durationMillis);
    row.put("received_at", Math.floorDiv(startMillis, 1000));
    return row;
  }

  private static Map<String, Object> log(
      TestOrganization org,
      String traceId,
      String spanId,
      long millis,
      String level,
      String body,
      Map<String, String> attributes) {
    Map<String, Object> row = ClickHouseSeed.owned(org);
    row.put("trace_id", traceId);
    row.put("span_id", spanId);
    row.put("timestamp", Math.floorDiv(millis, 1000));
    row.put("timestamp_ms", millis);
    row.put("level", level);
    row.put("body", body);
    row.put("release", attributes.get("sentry.release"));
    row.put("environment", attributes.get("sentry.environment"));
    row.put("received_at", Math.floorDiv(millis, 1000));
    return row;
  }
}
