package dev.appmetrics.dashboard.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test's data, written into the ClickHouse test database as the ingest writer stores it: latency events of three
 * routes over two hours (the last hour's /checkout three times slower), one stored trace of a slow checkout with an
 * error, and a comparable trace of the same release, environment and transaction.
 */
record McpSeed(Tenant tenant, String metric, Instant windowStart, String slowTraceId, String slowSpanId,
    String comparableTraceId) {

  static final Map<String, Double> BASELINE_MS = Map.of("/checkout", 100.0, "/cart", 80.0, "/search", 50.0);
  static final double SLOWDOWN = 3;
  static final String SLOW_ROUTE = "/checkout";
  private static final URI CLICKHOUSE = URI.create("http://127.0.0.1:8123/");
  private static final ObjectMapper JSON = new ObjectMapper();

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
        double value = BASELINE_MS.get(route) * (window && route.equals(SLOW_ROUTE) ? SLOWDOWN : 1) + (minute % 2);
        String traceId = hex(32);
        String spanId = hex(16);
        if (window && route.equals(SLOW_ROUTE) && minute == 90) {
          value = 900; // the worst event of the window: its trace is stored
          slowTrace = traceId;
          slowSpan = spanId;
        }
        long millis = now.minusSeconds(7200).plusSeconds(minute * 60L + 20).toEpochMilli();
        events.add(event(tenant, metric, millis, value, traceId, spanId,
            Map.of("route", route, "region", minute % 2 == 0 ? "eu" : "us")));
      }
    }
    insert("metric_events", events);
    Instant slowAt = now.minusSeconds(7200).plusSeconds(90 * 60L + 20);
    String comparable = hex(32);
    insert("spans", List.of(
        span(tenant, slowTrace, slowSpan, "", slowSpan, "http.server", "POST /checkout", "internal_error", slowAt, 900),
        span(tenant, slowTrace, hex(16), slowSpan, slowSpan, "db.query", "SELECT * FROM orders", "deadline_exceeded",
            slowAt.plusMillis(50), 800),
        span(tenant, comparable, hex(16), "", null, "http.server", "POST /checkout", "ok", slowAt.plusSeconds(30), 120)));
    Map<String, Object> error = owned(tenant);
    error.put("event_id", hex(32));
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
    insert("errors", List.of(error));
    return new McpSeed(tenant, metric, windowStart, slowTrace, slowSpan, comparable);
  }

  private static Map<String, Object> event(Tenant tenant, String metric, long millis, double value, String traceId,
      String spanId, Map<String, String> attributes) {
    Map<String, Object> row = owned(tenant);
    row.put("metric_name", metric);
    row.put("metric_kind", "distribution");
    row.put("unit", "millisecond");
    row.put("timestamp", Math.floorDiv(millis, 1000));
    row.put("timestamp_ms", millis);
    row.put("value", value);
    row.put("client_sample_rate", 1.0);
    row.put("trace_id", traceId);
    row.put("span_id", spanId);
    row.put("attr_string_keys", new ArrayList<>(attributes.keySet()));
    row.put("attr_string_values", new ArrayList<>(attributes.values()));
    row.put("received_at", Math.floorDiv(millis, 1000));
    return row;
  }

  /** segment null: the span is its own segment. */
  private static Map<String, Object> span(Tenant tenant, String traceId, String spanId, String parent, String segment,
      String op, String description, String status, Instant start, long durationMillis) {
    Map<String, Object> row = owned(tenant);
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

  private static Map<String, Object> owned(Tenant tenant) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", tenant.organizationId());
    row.put("project_id", tenant.projectId());
    return row;
  }

  private static void insert(String table, List<Map<String, Object>> rows) throws Exception {
    StringBuilder body = new StringBuilder("INSERT INTO appmetrics_test." + table + " FORMAT JSONEachRow\n");
    for (Map<String, Object> row : rows) {
      body.append(JSON.writeValueAsString(row)).append('\n');
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(CLICKHOUSE).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  private static String hex(int length) {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, length);
  }
}
