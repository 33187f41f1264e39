package dev.appmetrics.monitor.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes rows (gauges unless told) straight into the test ClickHouse table query-service reads (appmetrics_test.metric_events). */
public final class MetricRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private MetricRows() {}

  /** One event: its trace and span (a shared pair unless told) and string attributes. */
  public record Point(
      Instant at, double value, String traceId, String spanId, Map<String, String> attributes) {

    public Point(Instant at, double value) {
      this(at, value, "0123456789abcdef0123456789abcdef", "0123456789abcdef", Map.of());
    }

    public Point(Instant at, double value, String traceId, Map<String, String> attributes) {
      this(at, value, traceId, traceId.substring(0, 16), attributes);
    }
  }

  public static void insert(long organizationId, long projectId, String metric, List<Point> points)
      throws Exception {
    insert(organizationId, projectId, metric, "gauge", points);
  }

  public static void insert(
      long organizationId, long projectId, String metric, String kind, List<Point> points)
      throws Exception {
    String body =
        points.stream()
            .map(p -> row(organizationId, projectId, metric, kind, p))
            .collect(Collectors.joining("\n"));
    String query =
        URLEncoder.encode(
            "INSERT INTO appmetrics_test.metric_events FORMAT JSONEachRow", StandardCharsets.UTF_8);
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:8123/?query=" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse refused the rows: " + response.body());
    }
  }

  private static String row(
      long organizationId, long projectId, String metric, String kind, Point point) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", organizationId);
    row.put("project_id", projectId);
    row.put("metric_name", metric);
    row.put("metric_kind", kind);
    row.put("unit", "millisecond");
    row.put("timestamp", point.at().getEpochSecond());
    row.put("timestamp_ms", point.at().toEpochMilli());
    row.put("value", point.value());
    row.put("client_sample_rate", 1.0);
    row.put("trace_id", point.traceId());
    row.put("span_id", point.spanId());
    Map<String, String> attributes = new TreeMap<>(point.attributes());
    row.put("attr_string_keys", List.copyOf(attributes.keySet()));
    row.put("attr_string_values", List.copyOf(attributes.values()));
    for (String type : List.of("int", "double", "bool")) {
      row.put("attr_" + type + "_keys", List.of());
      row.put("attr_" + type + "_values", List.of());
    }
    row.put("received_at", point.at().getEpochSecond());
    row.put("kafka_partition", 0);
    row.put("kafka_offset", 0);
    try {
      return JSON.writeValueAsString(row);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
