package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseConfig;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Tenant;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/query/validate} takes the body of a timeseries request and answers what execution would run,
 * or exactly the error execution would give, without running the request's statements: only the shape lookups,
 * which execution makes first.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidateTest {

  static final String VALIDATE = "/api/v1/query/validate";
  static final String TIMESERIES = "/api/v1/query/timeseries";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The real ClickHouse, with the sender of every statement written down. */
  static class RecordingClickHouse extends ClickHouseClient {
    final List<String> senders = new CopyOnWriteArrayList<>();

    RecordingClickHouse(Vertx vertx, ClickHouseConfig config) {
      super(vertx, config);
    }

    @Override
    public Uni<String> query(String sql, String sender, Map<String, String> settings) {
      senders.add(sender);
      return super.query(sql, sender, settings);
    }
  }

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;
  @Inject Vertx vertx;
  @Inject ClickHouseConfig clickHouseConfig;

  Tenant tenant;
  Tenant stranger;
  GoldenDataset data;

  @BeforeAll
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    stranger = Tenant.create(grants);
    data = new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    tenant.insert(clickHouse, json, data.events);
  }

  static Map<String, Object> query(String label, String metric, String aggregate) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("label", label);
    q.put("metric", metric);
    q.put("aggregate", aggregate);
    return q;
  }

  Map<String, Object> request(
      List<Map<String, Object>> queries, List<Map<String, Object>> equations) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START + 17).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("interval", "10m");
    body.put("queries", queries);
    if (equations != null) {
      body.put("equations", equations);
    }
    return body;
  }

  Map<String, Object> apdex() {
    Map<String, Object> satisfied = query("A", data.distribution, "count");
    satisfied.put("filter", "value:<100");
    Map<String, Object> tolerated = query("B", data.distribution, "count");
    tolerated.put(
        "filter",
        Map.of(
            "and",
            List.of(
                Map.of("key", "value", "op", "gte", "value", 100),
                Map.of("key", "value", "op", "lt", "value", 400))));
    Map<String, Object> byRegion = query("D", data.gauge, "max");
    byRegion.put("groupBy", List.of("region"));
    byRegion.put("limit", 2);
    return request(
        List.of(satisfied, tolerated, query("C", data.distribution, "count"), byRegion),
        List.of(Map.of("label", "apdex", "expression", "(A + (B / 2)) / C")));
  }

  Response post(String path, Object body, String bearer) {
    return given()
        .header("Authorization", bearer)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path);
  }

  @Test
  void aValidRequestIsSummedUpWithoutRunningItsStatements() {
    RecordingClickHouse recording = new RecordingClickHouse(vertx, clickHouseConfig);
    QuarkusMock.installMockForType(recording, ClickHouseClient.class);
    // A range of its own, so no other test's shape lookup is cached for it.
    Map<String, Object> body = apdex();
    body.put("start", Instant.ofEpochSecond(START - 600).toString());

    JsonNode summary = Api.post(VALIDATE, body, tenant.bearer(), 200);

    // The range is older than the project's 30-day retention class: system.parts says whether the
    // exact table holds it.
    assertEquals(
        List.of(
            "query-tier-estimate",
            "query-tier-weeks",
            "query-timeseries-shape",
            "query-timeseries-shape"),
        recording.senders,
        "the tier's estimate and stored weeks, one shape lookup per metric ran, and nothing else");
    JsonNode executed = Api.post(TIMESERIES, body, tenant.bearer(), 200);
    assertEquals(
        executed.get("start"), summary.get("start"), "the range widened as execution widens it");
    assertEquals(executed.get("end"), summary.get("end"));
    assertEquals(600, summary.get("intervalSeconds").asLong());
    assertEquals(
        List.of(
            Map.of(
                "label",
                "A",
                "metric",
                data.distribution,
                "aggregate",
                "count",
                "kinds",
                List.of("distribution"),
                "groupBy",
                List.of()),
            Map.of(
                "label",
                "B",
                "metric",
                data.distribution,
                "aggregate",
                "count",
                "kinds",
                List.of("distribution"),
                "groupBy",
                List.of()),
            Map.of(
                "label",
                "C",
                "metric",
                data.distribution,
                "aggregate",
                "count",
                "kinds",
                List.of("distribution"),
                "groupBy",
                List.of()),
            Map.of(
                "label",
                "D",
                "metric",
                data.gauge,
                "aggregate",
                "max",
                "kinds",
                List.of("gauge"),
                "unit",
                "byte",
                "groupBy",
                List.of("region"),
                "limit",
                2)),
        withoutNullUnits(summary.get("queries")));
    assertTrue(summary.get("queries").get(0).has("unit"), "a count has no unit, and says so");
    assertEquals(
        JSON.valueToTree(
            List.of(
                Map.of(
                    "label",
                    "apdex",
                    "expression",
                    "(A + (B / 2)) / C",
                    "uses",
                    List.of("A", "B", "C"),
                    "groupBy",
                    List.of()))),
        summary.get("equations"));
    assertEquals(0, summary.get("warnings").size());
  }

  static List<Map<String, Object>> withoutNullUnits(JsonNode queries) {
    List<Map<String, Object>> out = new ArrayList<>();
    queries.forEach(
        q -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> map = JSON.convertValue(q, Map.class);
          map.values().removeIf(v -> v == null);
          out.add(map);
        });
    return out;
  }

  @Test
  void anUnknownMetricIsValidButWarnedAbout() {
    JsonNode summary =
        Api.post(
            VALIDATE,
            request(
                List.of(
                    query("A", data.distribution, "count"),
                    query("B", "golden.latncy.typo", "p95")),
                null),
            tenant.bearer(),
            200);

    assertEquals(0, summary.get("queries").get(1).get("kinds").size());
    assertEquals(1, summary.get("warnings").size());
    assertEquals("queries[1].metric", summary.get("warnings").get(0).get("field").asText());
    assertEquals(
        "'golden.latncy.typo' has no events in these projects in the range: is the name right?",
        summary.get("warnings").get(0).get("reason").asText());
  }

  @Test
  void everyInvalidRequestGetsExactlyTheAnswerExecutionGives() {
    List<Object> bodies = new ArrayList<>();
    bodies.add(request(List.of(query("A", data.counter, "p95")), null));
    bodies.add(request(List.of(query("A", data.gauge, "count")), null));
    bodies.add(request(List.of(query("A", data.distribution, "median")), null));
    bodies.add(request(List.of(query("a", data.distribution, "count")), null));
    bodies.add(request(List.of(), null));
    bodies.add(
        request(
            List.of(query("A", data.distribution, "count")),
            List.of(Map.of("label", "f1", "expression", "A / Q"))));
    bodies.add(
        request(
            List.of(query("A", data.distribution, "count")),
            List.of(
                Map.of("label", "f1", "expression", "A + f2"),
                Map.of("label", "f2", "expression", "f1 * 2"))));
    Map<String, Object> grouped = query("A", data.distribution, "count");
    grouped.put("groupBy", List.of("region"));
    bodies.add(
        request(
            List.of(grouped, query("B", data.distribution, "count")),
            List.of(Map.of("label", "f1", "expression", "A / B"))));
    Map<String, Object> badFilter = query("A", data.distribution, "count");
    badFilter.put("filter", "region:eu (");
    bodies.add(request(List.of(badFilter), null));
    Map<String, Object> sixGroups = query("A", data.distribution, "count");
    sixGroups.put("groupBy", List.of("a", "b", "c", "d", "e", "f"));
    bodies.add(request(List.of(sixGroups), null));
    Map<String, Object> farFuture = request(List.of(query("A", data.distribution, "count")), null);
    farFuture.put("end", "+999999999-12-31T23:59:59Z");
    bodies.add(farFuture);
    Map<String, Object> typeError = request(List.of(query("A", data.distribution, "count")), null);
    typeError.put("projects", "all");
    bodies.add(typeError);
    bodies.add(Map.of());

    for (Object body : bodies) {
      Response validated = post(VALIDATE, body, tenant.bearer());
      Response executed = post(TIMESERIES, body, tenant.bearer());
      assertEquals(400, validated.statusCode(), validated.asString());
      assertEquals(executed.asString(), validated.asString(), "the same error for " + body);
    }
    Response foreign = post(VALIDATE, apdex(), stranger.bearer());
    assertEquals(403, foreign.statusCode());
    assertEquals(post(TIMESERIES, apdex(), stranger.bearer()).asString(), foreign.asString());
    assertEquals(
        401, given().contentType(ContentType.JSON).body(apdex()).post(VALIDATE).statusCode());
  }

  @Test
  void theCatalogSaysWhichAggregatesEachKindTakesAndValidateAgrees() {
    JsonNode aggregates =
        Api.get("/api/v1/catalog/aggregates", tenant.bearer(), 200).get("aggregates");

    assertEquals(
        JSON.valueToTree(
            Map.of(
                "counter", List.of("sum", "per_second", "per_minute"),
                "gauge", List.of("avg", "min", "max", "last", "per_second", "per_minute"),
                "distribution",
                    List.of(
                        "count",
                        "sum",
                        "avg",
                        "min",
                        "max",
                        "p50",
                        "p75",
                        "p90",
                        "p95",
                        "p99",
                        "per_second",
                        "per_minute"))),
        aggregates);
    Map<String, String> metrics =
        Map.of("counter", data.counter, "gauge", data.gauge, "distribution", data.distribution);
    for (String kind : metrics.keySet()) {
      List<String> taken = new ArrayList<>();
      aggregates.get(kind).forEach(a -> taken.add(a.asText()));
      for (Aggregate aggregate : Aggregate.values()) {
        int status =
            post(
                    VALIDATE,
                    request(List.of(query("A", metrics.get(kind), aggregate.wireName())), null),
                    tenant.bearer())
                .statusCode();
        assertEquals(
            taken.contains(aggregate.wireName()) ? 200 : 400,
            status,
            kind + " " + aggregate.wireName());
      }
    }
  }
}
