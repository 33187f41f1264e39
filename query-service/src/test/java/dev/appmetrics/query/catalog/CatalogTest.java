package dev.appmetrics.query.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The catalog over events of the last hour, so the default seven-day period covers them. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogTest {

  @Inject Tenants tenants;

  Tenant tenant;
  long newest;

  @BeforeAll
  void writeEvents() throws Exception {
    tenant = tenants.create();
    long now = System.currentTimeMillis() - 60_000;
    List<TestEvent> events = new ArrayList<>();
    String[] regions = {"eu", "eu", "eu", "us", "us", "europe", "ap"};
    for (int i = 0; i < regions.length; i++) {
      events.add(
          new TestEvent(
              tenant.projectId(),
              "checkout.latency",
              "distribution",
              "millisecond",
              now - i * 1000L,
              i,
              1.0,
              "0".repeat(32),
              "0".repeat(16),
              Map.of("region", regions[i]),
              Map.of("retries", (long) i % 2),
              Map.of(),
              i == 0 ? Map.of("cached", true) : Map.of()));
    }
    events.add(
        new TestEvent(
            tenant.projectId(),
            "jobs.done",
            "counter",
            "",
            now - 5000,
            1,
            1.0,
            "1".repeat(32),
            "",
            Map.of(),
            Map.of(),
            Map.of("ratio", 0.5),
            Map.of()));
    newest = now;
    tenants.insert(tenant, events);
  }

  @Test
  void listsMetricsWithKindUnitLastSeenAndCount() {
    JsonNode metrics =
        Api.get("/api/v1/catalog/metrics?project=" + tenant.projectId(), tenant.bearer(), 200)
            .get("metrics");
    assertEquals(2, metrics.size());
    assertEquals("checkout.latency", metrics.get(0).get("name").asText());
    assertEquals("distribution", metrics.get(0).get("kind").asText());
    assertEquals("millisecond", metrics.get(0).get("unit").asText());
    assertEquals(7, metrics.get(0).get("count").asLong());
    assertEquals(
        java.time.Instant.ofEpochMilli(newest).toString(), metrics.get(0).get("lastSeen").asText());
    assertEquals("jobs.done", metrics.get(1).get("name").asText());
    assertEquals("counter", metrics.get(1).get("kind").asText());
    assertEquals(true, metrics.get(1).get("unit").isNull());
  }

  @Test
  void listsAttributeKeysWithTheirTypes() {
    JsonNode attributes =
        Api.get(
                "/api/v1/catalog/metrics/checkout.latency/attributes?project=" + tenant.projectId(),
                tenant.bearer(),
                200)
            .get("attributes");
    assertEquals(
        List.of("cached:boolean", "region:string", "retries:integer"),
        List.of(attributes.get(0), attributes.get(1), attributes.get(2)).stream()
            .map(a -> a.get("key").asText() + ":" + a.get("type").asText())
            .toList());
    assertEquals(3, attributes.size());
  }

  @Test
  void listsValuesByPrefixMostFrequentFirst() {
    JsonNode values =
        Api.get(
                "/api/v1/catalog/metrics/checkout.latency/attributes/region/values?prefix=e&project="
                    + tenant.projectId(),
                tenant.bearer(),
                200)
            .get("values");
    assertEquals(2, values.size());
    assertEquals("eu", values.get(0).get("value").asText());
    assertEquals(3, values.get(0).get("count").asLong());
    assertEquals("europe", values.get(1).get("value").asText());
    assertEquals(1, values.get(1).get("count").asLong());
    JsonNode integers =
        Api.get(
                "/api/v1/catalog/metrics/checkout.latency/attributes/retries/values?project="
                    + tenant.projectId(),
                tenant.bearer(),
                200)
            .get("values");
    assertEquals("0", integers.get(0).get("value").asText());
    assertEquals(4, integers.get(0).get("count").asLong());
  }

  @Test
  void hostilePrefixesAndKeysFindNothingAndHarmNothing() {
    for (String hostile :
        List.of(
            "'", "\\", "' OR 1=1 --", "%' UNION SELECT 1 --", "\u0000", "é✓", "x".repeat(3000))) {
      String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
      assertEquals(
          0,
          Api.get(
                  "/api/v1/catalog/metrics/checkout.latency/attributes/region/values?project="
                      + tenant.projectId()
                      + "&prefix="
                      + encoded,
                  tenant.bearer(),
                  200)
              .get("values")
              .size(),
          hostile);
      String keyPath =
          "/api/v1/catalog/metrics/checkout.latency/attributes/"
              + encoded.replace("+", "%20")
              + "/values?project="
              + tenant.projectId();
      if (hostile.length() > 200) {
        Api.get(keyPath, tenant.bearer(), 400);
      } else {
        assertEquals(0, Api.get(keyPath, tenant.bearer(), 200).get("values").size(), hostile);
      }
    }
    assertEquals(
        7,
        Api.get("/api/v1/catalog/metrics?project=" + tenant.projectId(), tenant.bearer(), 200)
            .get("metrics")
            .get(0)
            .get("count")
            .asLong());
  }
}
