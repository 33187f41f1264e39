package dev.appmetrics.query.samples;

import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesTests {

  static final String PATH = "/api/v1/query/samples";

  @Inject
  GrantPublisher grants;
  @Inject
  ClickHouseClient clickHouse;
  @Inject
  ObjectMapper json;

  Tenant tenant;
  GoldenDataset data;

  @BeforeAll
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    data = new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    tenant.insert(clickHouse, json, data.events);
  }

  Map<String, Object> request(String filter, String sort, int limit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("metric", data.gauge);
    body.put("filter", filter);
    body.put("sort", sort);
    body.put("limit", limit);
    return body;
  }

  List<JsonNode> allPages(Map<String, Object> first) {
    List<JsonNode> samples = new ArrayList<>();
    JsonNode page = Api.post(PATH, first, tenant.bearer(), 200);
    page.get("samples").forEach(samples::add);
    while (!page.get("nextCursor").isNull()) {
      Map<String, Object> next = new LinkedHashMap<>(first);
      next.put("cursor", page.get("nextCursor").asText());
      page = Api.post(PATH, next, tenant.bearer(), 200);
      page.get("samples").forEach(samples::add);
    }
    return samples;
  }

  List<TestEvent> expected(java.util.function.Predicate<TestEvent> filter, Comparator<TestEvent> order) {
    return data.events.stream().filter(e -> e.metric().equals(data.gauge) && e.bucketSecond() >= START
        && e.bucketSecond() < END).filter(filter).sorted(order).toList();
  }

  @Test
  void pagesThroughEveryMatchingEventNewestFirstWithoutGapsOrRepeats() {
    List<JsonNode> samples = allPages(request("region:eu", "-timestamp", 7));
    List<TestEvent> expected = expected(e -> e.text("region").equals("eu"),
        Comparator.comparingLong(TestEvent::timestampMillis).thenComparingDouble(TestEvent::value).reversed());
    assertTrue(expected.size() > 14, "several pages");
    assertEquals(expected.size(), samples.size());
    for (int i = 0; i < expected.size(); i++) {
      TestEvent e = expected.get(i);
      JsonNode s = samples.get(i);
      assertEquals(Instant.ofEpochMilli(e.timestampMillis()).toString(), s.get("timestamp").asText());
      assertEquals(e.value(), s.get("value").asDouble());
      assertEquals(e.traceId(), s.get("traceId").asText());
      assertEquals(e.spanId(), s.get("spanId").asText());
      assertEquals(e.sampleRate(), s.get("clientSampleRate").asDouble());
      assertEquals(tenant.projectId(), s.get("projectId").asLong());
      assertEquals("gauge", s.get("kind").asText());
      assertEquals("byte", s.get("unit").asText());
      assertEquals("eu", s.get("attributes").get("region").asText());
      assertEquals(e.integers().get("retries"), s.get("attributes").get("retries").asLong());
      assertTrue(s.get("attributes").get("retries").isIntegralNumber());
      assertEquals(e.doubles().get("ratio"), s.get("attributes").get("ratio").asDouble());
      if (e.booleans().containsKey("cached")) {
        assertEquals(e.booleans().get("cached"), s.get("attributes").get("cached").asBoolean());
        assertTrue(s.get("attributes").get("cached").isBoolean());
      }
    }
  }

  @Test
  void sortsByValueAscending() {
    List<JsonNode> samples = allPages(request("value:<20", "value", 50));
    List<TestEvent> expected = expected(e -> e.value() < 20, Comparator.comparingDouble(TestEvent::value)
        .thenComparingLong(TestEvent::timestampMillis));
    assertEquals(expected.stream().map(TestEvent::value).toList(), samples.stream().map(s -> s.get("value").asDouble()).toList());
  }

  @Test
  void rejectsForgedCursorsAndBadSorts() {
    Map<String, Object> body = request(null, "-timestamp", 5);
    body.put("cursor", "bm90LWEtY3Vyc29y");
    assertEquals(400, Api.post(PATH, body, tenant.bearer(), 400).get("status").asInt());
    assertEquals(400, Api.post(PATH, request(null, "timestamp; DROP", 5), tenant.bearer(), 400).get("status").asInt());
    assertEquals(400, Api.post(PATH, request(null, "-value", 5000), tenant.bearer(), 400).get("status").asInt());
  }
}
