package dev.appmetrics.dashboard.mcp;

import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import dev.appmetrics.dashboard.web.ClickHouseSeed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test's data, written into the ClickHouse test database as the ingest writer stores it: latency events of three
 * routes over two hours (the last hour's /checkout three times slower), one stored trace of a slow checkout with an
 * error, and a comparable trace of the same release, environment and transaction.
 */
record McpSeed(
    Tenant tenant,
    String metric,
    Instant windowStart,
    String slowTraceId,
    String slowSpanId,
    String comparableTraceId) {

  static final Map<String, Double> BASELINE_MS =
      Map.of("/checkout", 100.0, "/cart", 80.0, "/search", 50.0);
  static final double SLOWDOWN = 3;
  static final String SLOW_ROUTE = "/checkout";

  /**
   * One event per route and minute, regions alternating, 20 s into each minute; the window is the last hour before
   * the current minute, so both hours are whole buckets of explain_change.
   */
  static McpSeed write(Tenant tenant) throws Exception {
    String metric = "mcp.latency." + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant windowStart = now.minusSeconds(3600);
    List<Map<String, Object>> events = new ArrayList<>();
    String slowTrace = null;
    String slowSpan = null;
    for (int minute = 0; minute < 120; minute++) {
      boolean window = minute >= 60;
      for (String route : BASELINE_MS.keySet()) {
        double value =
            BASELINE_MS.get(route) * (window && route.equals(SLOW_ROUTE) ? SLOWDOWN : 1)
                + (minute % 2);
        String traceId = ClickHouseSeed.traceId();
        String spanId = ClickHouseSeed.spanId();
        if (window && route.equals(SLOW_ROUTE) && minute == 90) {
          value = 900; // the worst event of the window: its trace is stored
          slowTrace = traceId;
          slowSpan = spanId;
        }
        long millis = now.minusSeconds(7200).plusSeconds(minute * 60L + 20).toEpochMilli();
        events.add(
            ClickHouseSeed.distribution(
                owner(tenant),
                metric,
                millis,
                value,
                traceId,
                spanId,
                Map.of("route", route, "region", minute % 2 == 0 ? "eu" : "us")));
      }
    }
    ClickHouseSeed.insert("metric_events", events);
    Instant slowAt = now.minusSeconds(7200).plusSeconds(90 * 60L + 20);
    String comparable = ClickHouseSeed.traceId();
    ClickHouseSeed.insert(
        "spans",
        List.of(
            span(
                tenant,
                slowTrace,
                slowSpan,
                "",
                slowSpan,
                "http.server",
                "POST /checkout",
                "internal_error",
                slowAt,
                900),
            span(
                tenant,
                slowTrace,
                ClickHouseSeed.spanId(),
                slowSpan,
                slowSpan,
                "db.query",
                "SELECT * FROM orders",
                "deadline_exceeded",
                slowAt.plusMillis(50),
                800),
            span(
                tenant,
                comparable,
                ClickHouseSeed.spanId(),
                "",
                null,
                "http.server",
                "POST /checkout",
                "ok",
                slowAt.plusSeconds(30),
                120)));
    Map<String, Object> error = ClickHouseSeed.owned(owner(tenant));
    error.put("event_id", ClickHouseSeed.traceId());
    error.put("trace_id", slowTrace);
    error.put("span_id", slowSpan);
    error.put("timestamp", slowAt.getEpochSecond());
    error.put("timestamp_ms", slowAt.toEpochMilli() + 850);
    error.put("level", "error");
    error.put("exception_type", "QueryTimeoutError");
    error.put("exception_value", "canceling statement due to statement timeout");
    error.put("frame_filenames", List.of("src/routes/checkout.ts", "src/db/orders.ts"));
    error.put("frame_functions", List.of("handleCheckout", "loadOrder"));
    error.put("frame_lines", List.of(17, 42));
    error.put("frame_in_app", List.of(1, 1));
    error.put("release", "1.4.2");
    error.put("environment", "production");
    error.put("transaction", "/checkout");
    error.put("received_at", slowAt.getEpochSecond());
    ClickHouseSeed.insert("errors", List.of(error));
    return new McpSeed(tenant, metric, windowStart, slowTrace, slowSpan, comparable);
  }

  /** The tenant as the browser tests' ClickHouse seed names an owner: only its organization and project count. */
  private static TestOrganization owner(Tenant tenant) {
    return new TestOrganization(tenant.organizationId(), tenant.projectId(), tenant.readToken());
  }

  /** segment null: the span is its own segment. */
  private static Map<String, Object> span(
      Tenant tenant,
      String traceId,
      String spanId,
      String parent,
      String segment,
      String op,
      String description,
      String status,
      Instant start,
      long durationMillis) {
    Map<String, Object> row = ClickHouseSeed.owned(owner(tenant));
    String segmentId = segment == null ? spanId : segment;
    row.put("trace_id", traceId);
    row.put("span_id", spanId);
    row.put("parent_span_id", parent);
    row.put("segment_id", segmentId);
    row.put("is_segment", spanId.equals(segmentId) ? 1 : 0);
    row.put("op", op);
    row.put("description", description);
    row.put("status", status);
    row.put("transaction", "/checkout");
    row.put("release", "1.4.2");
    row.put("environment", "production");
    row.put("timestamp", start.getEpochSecond());
    row.put("start_timestamp_ms", start.toEpochMilli());
    row.put("end_timestamp_ms", start.toEpochMilli() + durationMillis);
    row.put("duration_ms", (double) durationMillis);
    row.put("received_at", start.getEpochSecond());
    return row;
  }
}
