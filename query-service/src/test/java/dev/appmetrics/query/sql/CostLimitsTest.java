package dev.appmetrics.query.sql;

import static io.restassured.RestAssured.given;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseConfig;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reads are bounded per organization: at most a configured number of ClickHouse statements at once (a request beyond
 * is a 429 with Retry-After), each within max_memory_usage (a statement beyond is a 400 saying so). Both were
 * unbounded: only the 30 s limit stopped a query. The limits here are tight (2 statements, 1,000 bytes) and the
 * statements are held by a gate the test opens, so nothing depends on timing.
 */
@QuarkusTest
@TestProfile(CostLimitsTest.TightLimits.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostLimitsTest {

  public static class TightLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "appmetrics.query.max-concurrent-statements",
          "2",
          "appmetrics.query.max-memory-usage",
          "1000");
    }
  }

  /** ClickHouse as the statements see it: each arrival is counted and held until the gate opens. */
  static class GatedClickHouse extends ClickHouseClient {
    static final String SHAPE =
        "{\"meta\":[{\"name\":\"events\"},{\"name\":\"kinds\"},{\"name\":\"unit\"}],"
            + "\"data\":[[\"0\",[],\"\"]]}";
    static final String ESTIMATE = "{\"meta\":[{\"name\":\"stored\"}],\"data\":[[\"0\"]]}";
    static final String NO_ROWS = "{\"data\":[]}";

    final Semaphore arrivals = new Semaphore(0);
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    volatile Map<String, String> settings;

    GatedClickHouse(Vertx vertx, ClickHouseConfig config) {
      super(vertx, config);
    }

    @Override
    public Uni<String> query(String sql, String sender, Map<String, String> settings) {
      return Uni.createFrom()
          .deferred(
              () -> {
                this.settings = settings;
                arrivals.release();
                return Uni.createFrom()
                    .completionStage(gate)
                    .map(
                        open ->
                            sender.endsWith("-shape")
                                ? SHAPE
                                : sender.endsWith("-estimate") ? ESTIMATE : NO_ROWS);
              });
    }
  }

  @Inject Tenants tenants;
  @Inject Vertx vertx;
  @Inject ClickHouseConfig clickHouseConfig;

  Tenant tenant;
  Tenant other;

  @BeforeAll
  void createTenants() {
    tenant = tenants.create();
    other = tenants.create();
  }

  static Response timeseries(Tenant tenant) {
    return given()
        .header("Authorization", tenant.bearer())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "projects",
                List.of(tenant.projectId()),
                "period",
                "1h",
                "queries",
                List.of(Map.of("label", "A", "metric", "m", "aggregate", "count"))))
        .post("/api/v1/query/timeseries");
  }

  static JsonNode json(Response response) throws Exception {
    return new ObjectMapper().readTree(response.asString());
  }

  @Test
  void aRequestBeyondItsOrganizationsStatementsIsA429WithRetryAfterUntilOneEnds() throws Exception {
    GatedClickHouse clickHouse = new GatedClickHouse(vertx, clickHouseConfig);
    QuarkusMock.installMockForType(clickHouse, ClickHouseClient.class);
    ExecutorService clients = Executors.newFixedThreadPool(3);
    try {
      Future<Response> first = clients.submit(() -> timeseries(tenant));
      Future<Response> second = clients.submit(() -> timeseries(tenant));
      assertTrue(clickHouse.arrivals.tryAcquire(2, 60, SECONDS), "both requests hold a statement");

      Response third = timeseries(tenant);
      assertEquals(429, third.statusCode(), third.asString());
      assertEquals("1", third.header("Retry-After"));
      JsonNode error = json(third);
      assertEquals(429, error.get("status").asInt());
      assertEquals("too_many_queries", error.get("code").asText());
      assertEquals(
          "Your organization already has 2 queries running in ClickHouse, as many as it may at once; "
              + "retry in 1 s",
          error.get("message").asText());

      Future<Response> otherOrganization = clients.submit(() -> timeseries(other));
      assertTrue(
          clickHouse.arrivals.tryAcquire(1, 60, SECONDS), "another organization is not held back");

      clickHouse.gate.complete(null);
      assertEquals(200, first.get(60, SECONDS).statusCode());
      assertEquals(200, second.get(60, SECONDS).statusCode());
      assertEquals(200, otherOrganization.get(60, SECONDS).statusCode());
      assertEquals(200, timeseries(tenant).statusCode(), "the permits came back");
      assertEquals("1000", clickHouse.settings.get("max_memory_usage"));
    } finally {
      clickHouse.gate.complete(null);
      clients.shutdownNow();
    }
  }

  @Test
  void aStatementBeyondTheMemoryLimitIsA400SayingSo() throws Exception {
    Response response = timeseries(tenant);
    assertEquals(400, response.statusCode(), response.asString());
    JsonNode error = json(response);
    assertEquals("query_memory_exceeded", error.get("code").asText());
    assertEquals(
        "The query needs more memory than one query may use: narrow the time range, the filter or the "
            + "group-by",
        error.get("message").asText());
  }
}
