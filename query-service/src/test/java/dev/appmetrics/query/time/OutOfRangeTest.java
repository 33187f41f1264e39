package dev.appmetrics.query.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every date, duration and number of a request is range-checked with a 400 naming the field: a trace looked up
 * "at" year 999999999 answered 500, and a time series in that year 200 with negative timestamps.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutOfRangeTest {

  static final String FAR = "+999999999-12-31T23:59:59Z";
  static final String BOUNDS = "must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z";
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Inject Tenants tenants;

  Tenant tenant;

  @BeforeAll
  void createTenant() {
    tenant = tenants.create();
  }

  void assertRefused(JsonNode error, String message) {
    assertEquals(400, error.get("status").asInt());
    assertEquals("bad_request", error.get("code").asText());
    assertEquals(message, error.get("message").asText());
  }

  Map<String, Object> timeseries(String start, String end) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", start);
    body.put("end", end);
    body.put("queries", List.of(Map.of("label", "A", "metric", "m", "aggregate", "count")));
    return body;
  }

  @Test
  void aTraceAtYear999999999IsAFourHundredNamingAt() {
    assertRefused(
        Api.get(
            "/api/v1/traces/" + TRACE + "?project=" + tenant.projectId() + "&at=" + FAR,
            tenant.bearer(),
            400),
        "'at' " + BOUNDS);
  }

  @Test
  void aTimeSeriesInYear999999999IsAFourHundredNamingTheField() {
    assertRefused(
        Api.post("/api/v1/query/timeseries", timeseries(FAR, FAR), tenant.bearer(), 400),
        "'start' " + BOUNDS);
    assertRefused(
        Api.post(
            "/api/v1/query/timeseries",
            timeseries("2026-11-25T00:00:00Z", FAR),
            tenant.bearer(),
            400),
        "'end' " + BOUNDS);
  }

  @Test
  void anIntervalWiderThanAnyRangeIsAFourHundred() {
    Map<String, Object> body = timeseries("2026-11-25T00:00:00Z", "2026-11-25T01:00:00Z");
    body.put("interval", "9999999d");
    assertRefused(
        Api.post("/api/v1/query/timeseries", body, tenant.bearer(), 400),
        "'interval' must be at most 90 days");
  }

  @Test
  void anEquationConstantBeyondTheLargestNumberIsAFourHundred() {
    Map<String, Object> body = timeseries("2026-11-25T00:00:00Z", "2026-11-25T01:00:00Z");
    body.put("equations", List.of(Map.of("label", "f1", "expression", "A * 1" + "0".repeat(400))));
    assertRefused(
        Api.post("/api/v1/query/timeseries", body, tenant.bearer(), 400),
        "equations[0].expression: number too large at position 5");
  }

  @Test
  void samplesSearchesComparableTracesAndTheCatalogCheckTheirTimesToo() {
    assertRefused(
        Api.post(
            "/api/v1/query/samples",
            Map.of(
                "projects", List.of(tenant.projectId()), "metric", "m", "start", FAR, "end", FAR),
            tenant.bearer(),
            400),
        "'start' " + BOUNDS);
    assertRefused(
        Api.post(
            "/api/v1/traces/search",
            Map.of(
                "project",
                tenant.projectId(),
                "start",
                "2026-11-25T00:00:00Z",
                "end",
                FAR,
                "conditions",
                List.of(Map.of("kind", "span"))),
            tenant.bearer(),
            400),
        "'end' " + BOUNDS);
    assertRefused(
        Api.post(
            "/api/v1/traces/comparable",
            Map.of(
                "project", tenant.projectId(), "timestamp", FAR, "match", Map.of("release", "1.0")),
            tenant.bearer(),
            400),
        "'timestamp' " + BOUNDS);
    assertRefused(
        Api.get(
            "/api/v1/catalog/metrics?project=" + tenant.projectId() + "&period=9999999d",
            tenant.bearer(),
            400),
        "'period' is longer than 90 days");
  }

  @Test
  void searchThresholdsClickHouseCannotReadAreAFourHundred() {
    assertRefused(
        Api.post(
            "/api/v1/traces/search",
            Map.of(
                "project",
                tenant.projectId(),
                "period",
                "1h",
                "conditions",
                List.of(
                    Map.of(
                        "kind", "span", "durationMs", Map.of("operator", ">", "value", 4.9e-324)))),
            tenant.bearer(),
            400),
        "'conditions[0].durationMs.value' must be a finite number, 0 or of magnitude at least 1e-300");
  }
}
