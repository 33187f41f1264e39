package dev.appmetrics.ingest.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.ingest.support.NodeScripts;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The official @sentry/node 11.x SDK from npm, unchanged, with a DSN pointing at this test's ingest port, sends a
 * counter, a gauge and a distribution inside an active span; each is found in ClickHouse as sent.
 */
@QuarkusTest
class SentryNodeSdkTest {

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  @Inject ObjectMapper json;

  @Test
  void storesCountersGaugesAndDistributionsSentByTheRealSdkWithTheirTraceAndSpan()
      throws Exception {
    TestProject project = projects.create();
    String dsn =
        "http://"
            + project.publicKey()
            + "@127.0.0.1:"
            + RestAssured.port
            + "/"
            + project.projectId();
    JsonNode ids = json.readTree(NodeScripts.run("send-metrics.js", dsn));

    List<JsonNode> rows = stored.await(project.projectId(), 3);
    Map<String, JsonNode> byName =
        rows.stream().collect(Collectors.toMap(r -> r.get("metric_name").asText(), r -> r));
    assertEquals(3, rows.size());
    for (JsonNode row : rows) {
      assertEquals(ids.get("traceId").asText(), row.get("trace_id").asText());
      assertEquals(ids.get("spanId").asText(), row.get("span_id").asText());
      assertEquals(project.organizationId(), row.get("organization_id").asLong());
      assertEquals(1.0, row.get("client_sample_rate").asDouble());
      assertTrue(Math.abs(row.get("timestamp_ms").asLong() - System.currentTimeMillis()) < 300_000);
      assertTrue(strings(row).containsKey("sentry.release"), "SDK attributes are kept");
    }
    JsonNode counter = byName.get("e2e.requests");
    assertEquals("counter", counter.get("metric_kind").asText());
    assertEquals(3.0, counter.get("value").asDouble());
    assertEquals("/checkout", strings(counter).get("route"));
    assertEquals(2L, typed(counter, "attr_int").get("attempt").asLong());

    JsonNode gauge = byName.get("e2e.queue.depth");
    assertEquals("gauge", gauge.get("metric_kind").asText());
    assertEquals(42.5, gauge.get("value").asDouble());
    assertEquals("item", gauge.get("unit").asText());
    assertEquals("payments", strings(gauge).get("queue"));

    JsonNode distribution = byName.get("e2e.latency");
    assertEquals("distribution", distribution.get("metric_kind").asText());
    assertEquals(12.25, distribution.get("value").asDouble());
    assertEquals("millisecond", distribution.get("unit").asText());
    assertEquals(1, typed(distribution, "attr_bool").get("ok").asInt());
    assertEquals(0.75, typed(distribution, "attr_double").get("ratio").asDouble());
  }

  static Map<String, String> strings(JsonNode row) {
    Map<String, String> strings = new java.util.HashMap<>();
    for (int i = 0; i < row.get("attr_string_keys").size(); i++) {
      strings.put(
          row.get("attr_string_keys").get(i).asText(),
          row.get("attr_string_values").get(i).asText());
    }
    return strings;
  }

  /** One typed attribute family ({@code attr_int}, {@code attr_double}, …) of a row as key → value. */
  static Map<String, JsonNode> typed(JsonNode row, String family) {
    Map<String, JsonNode> values = new java.util.HashMap<>();
    for (int i = 0; i < row.get(family + "_keys").size(); i++) {
      values.put(row.get(family + "_keys").get(i).asText(), row.get(family + "_values").get(i));
    }
    return values;
  }
}
