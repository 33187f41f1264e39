package dev.appmetrics.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Filters beyond {@link FilterLimits} never reach ClickHouse: a JSON {@code in} of 100,000 values answered 502 after
 * seconds.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizedFilterTest {

  static final Map<String, Object> HUGE_IN =
      Map.of(
          "key",
          "route",
          "op",
          "in",
          "values",
          IntStream.range(0, 100_000).mapToObj(i -> "/r" + i).toList());

  @Inject Tenants tenants;

  Tenant tenant;

  @BeforeAll
  void createTenant() {
    tenant = tenants.create();
  }

  void assertRefused(String path, Map<String, Object> body, String message) {
    JsonNode error = Api.post(path, body, tenant.bearer(), 400);
    assertEquals("bad_request", error.get("code").asText());
    assertEquals(message, error.get("message").asText());
  }

  static Map<String, Object> count(String label, Object filter) {
    return Map.of("label", label, "metric", "m", "aggregate", "count", "filter", filter);
  }

  @Test
  void everyEndpointRefusesAJsonInOfAHundredThousandValuesNamingTheField() {
    assertRefused(
        "/api/v1/query/timeseries",
        Map.of(
            "projects",
            List.of(tenant.projectId()),
            "period",
            "1h",
            "queries",
            List.of(count("A", HUGE_IN))),
        "queries[0].filter has 100000 values; at most 1000");
    assertRefused(
        "/api/v1/query/samples",
        Map.of(
            "projects",
            List.of(tenant.projectId()),
            "period",
            "1h",
            "metric",
            "m",
            "filter",
            HUGE_IN),
        "filter has 100000 values; at most 1000");
    assertRefused(
        "/api/v1/traces/search",
        Map.of(
            "project",
            tenant.projectId(),
            "period",
            "1h",
            "conditions",
            List.of(Map.of("kind", "metric", "metric", "m", "filter", HUGE_IN))),
        "conditions[0].filter has 100000 values; at most 1000");
  }

  @Test
  void aSearchsConditionsTogetherMeetTheLimitsOfOneFilter() {
    Map<String, Object> condition =
        Map.of(
            "kind",
            "metric",
            "metric",
            "m",
            "filter",
            String.join(" ", IntStream.range(0, 30).mapToObj(i -> "k" + i + ":1").toList()));
    assertRefused(
        "/api/v1/traces/search",
        Map.of(
            "project",
            tenant.projectId(),
            "period",
            "1h",
            "conditions",
            List.of(condition, condition)),
        "The filters of 'conditions' together: has 60 terms; at most 50");
  }
}
