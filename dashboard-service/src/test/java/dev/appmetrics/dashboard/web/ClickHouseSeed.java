package dev.appmetrics.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rows written straight into the ClickHouse test database, as the ingest writer would store them, for the browser
 * tests to find through the real query-service. Columns a row leaves out take their type's default.
 */
public final class ClickHouseSeed {

  private static final URI CLICKHOUSE = URI.create("http://127.0.0.1:8123/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClickHouseSeed() {}

  /** Inserts the rows (column -> value; times as epoch seconds or milliseconds) into appmetrics_test.{table}. */
  public static void insert(String table, List<Map<String, Object>> rows)
      throws IOException, InterruptedException {
    StringBuilder body =
        new StringBuilder("INSERT INTO appmetrics_test." + table + " FORMAT JSONEachRow\n");
    for (Map<String, Object> row : rows) {
      body.append(json(row)).append('\n');
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(CLICKHOUSE)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  /** A distribution event in metric_events with string attributes. */
  public static Map<String, Object> distribution(
      TestOrganization org,
      String metric,
      long millis,
      double value,
      String traceId,
      String spanId,
      Map<String, String> attributes) {
    Map<String, Object> row = owned(org);
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

  /** The organization and project columns every table starts with. */
  public static Map<String, Object> owned(TestOrganization org) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", org.organizationId());
    row.put("project_id", org.projectId());
    return row;
  }

  public static String traceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  public static String spanId() {
    return traceId().substring(0, 16);
  }

  private static String json(Map<String, Object> row) {
    try {
      return JSON.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
