package dev.appmetrics.query.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/query/heatmap} on a seeded distribution: the value buckets are the round edges the values
 * span, and each cell's weighted count equals the count computed here from the seed (values exactly on an edge
 * belong to the bucket it starts; 0 falls outside), with filters, groups and a top-N as in timeseries.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeatmapTest {

  static final String PATH = "/api/v1/query/heatmap";
  static final long START = 1_767_571_200L;
  static final long INTERVAL = 600;

  /** Ten edges a decade from 10 to 1250: the values run from 10 to 1000. */
  static final List<Double> EDGES =
      List.of(
          10.0, 12.5, 16.0, 20.0, 25.0, 32.0, 40.0, 50.0, 63.0, 80.0, 100.0, 125.0, 160.0, 200.0,
          250.0, 320.0, 400.0, 500.0, 630.0, 800.0, 1000.0, 1250.0);

  static final double[] VALUES = {10, 12.5, 12.49, 99.9, 100, 250, 333, 999.99, 1000, 0};
  static final double[] RATES = {1.0, 0.5, 0.25};
  static final String[] REGIONS = {"eu", "us", "ap"};

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;
  String metric;
  String gauge;
  final List<TestEvent> events = new ArrayList<>();

  @BeforeAll
  void writeEvents() throws Exception {
    tenant = Tenant.create(grants);
    metric = "heatmap.latency." + UUID.randomUUID().toString().substring(0, 8);
    gauge = metric + ".gauge";
    Random random = new Random(18);
    // Trace ids of their own (from a generator of their own, so the values and rates stay those of
    // seed 18): the
    // tiers keep an event by its trace id's hash.
    Random traces = new Random(17);
    for (int i = 0; i < 300; i++) {
      long millis = START * 1000 + (long) (random.nextDouble() * 7_200_000);
      events.add(
          new TestEvent(
              tenant.projectId(),
              metric,
              "distribution",
              "millisecond",
              millis,
              VALUES[random.nextInt(VALUES.length)],
              RATES[random.nextInt(RATES.length)],
              String.format("%016x%016x", traces.nextLong(), traces.nextLong()),
              "0".repeat(16),
              Map.of("region", REGIONS[i % 3], "route", random.nextBoolean() ? "/a/" + i : "/b"),
              Map.of(),
              Map.of(),
              Map.of()));
    }
    List<TestEvent> written = new ArrayList<>(events);
    written.add(
        new TestEvent(
            tenant.projectId(),
            gauge,
            "gauge",
            "byte",
            START * 1000,
            5,
            1,
            "0".repeat(32),
            "0".repeat(16),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of()));
    tenant.insert(clickHouse, json, written);
  }

  Map<String, Object> request(Map<String, Object> query) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(START + 7200).toString());
    body.put("interval", "10m");
    body.put("query", query);
    return body;
  }

  /** Expected weighted counts by "time/bucket", and the weight outside the buckets, of the events passing. */
  Map<String, Double> expectedCells(Predicate<TestEvent> passes) {
    return expectedCells(events, EDGES, passes);
  }

  static Map<String, Double> expectedCells(
      List<TestEvent> events, List<Double> edges, Predicate<TestEvent> passes) {
    Map<String, Double> cells = new TreeMap<>();
    for (TestEvent e : events) {
      if (!passes.test(e)) {
        continue;
      }
      int bucket = -1;
      for (int i = 0; i + 1 < edges.size(); i++) {
        if (e.value() >= edges.get(i) && e.value() < edges.get(i + 1)) {
          bucket = i;
        }
      }
      String key = bucket < 0 ? "outside" : (e.bucketSecond() - START) / INTERVAL + "/" + bucket;
      cells.merge(key, e.weight(), Double::sum);
    }
    return cells;
  }

  static Map<String, Double> actualCells(JsonNode series) {
    Map<String, Double> cells = new TreeMap<>();
    series
        .get("cells")
        .forEach(
            c ->
                cells.put(
                    c.get("time").asInt() + "/" + c.get("bucket").asInt(),
                    c.get("count").asDouble()));
    if (series.get("outside").asDouble() > 0) {
      cells.put("outside", series.get("outside").asDouble());
    }
    return cells;
  }

  static void assertCells(Map<String, Double> expected, Map<String, Double> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((k, v) -> assertEquals(v, actual.get(k), v * 1e-9, what + " cell " + k));
  }

  @Test
  void eachCellIsTheWeightedCountOfItsEvents() {
    JsonNode answer = Api.post(PATH, request(Map.of("metric", metric)), tenant.bearer(), 200);
    assertEquals(
        EDGES,
        json.convertValue(answer.get("edges"), List.class).stream()
            .map(n -> ((Number) n).doubleValue())
            .toList());
    assertEquals(12, answer.get("timestamps").size());
    assertEquals(START * 1000, answer.get("timestamps").get(0).asLong());
    assertEquals("millisecond", answer.get("unit").asText());
    assertEquals(1, answer.get("series").size());
    assertCells(expectedCells(e -> true), actualCells(answer.get("series").get(0)), "all events");
  }

  @Test
  void aForcedTierCountsTheEventsItKeepsWeightedByTheTier() {
    Map<String, Object> body = request(Map.of("metric", metric));
    body.put("sampling", "downsample_8");
    JsonNode answer = Api.post(PATH, body, tenant.bearer(), 200);
    List<TestEvent> kept = Reference.inTier(events, 8);
    assertTrue(
        kept.size() > 10 && kept.size() < events.size(),
        "the 8 tier keeps some events: " + kept.size());
    assertEquals("downsample_8", answer.get("sampling").get("tier").asText());
    assertEquals(8, answer.get("sampling").get("weight").asInt());
    assertEquals(kept.size(), answer.get("sampling").get("storedEvents").asLong());
    List<Double> edges =
        json.convertValue(answer.get("edges"), List.class).stream()
            .map(n -> ((Number) n).doubleValue())
            .toList();
    assertCells(
        expectedCells(kept, edges, e -> true),
        actualCells(answer.get("series").get(0)),
        "the 8 tier");
  }

  @Test
  void filtersAndGroupsAsTimeseries() {
    JsonNode answer =
        Api.post(
            PATH,
            request(Map.of("metric", metric, "filter", "route:/a/*", "groupBy", List.of("region"))),
            tenant.bearer(),
            200);
    assertEquals(3, answer.get("series").size());
    for (JsonNode series : answer.get("series")) {
      String region = series.get("group").get("region").asText();
      assertCells(
          expectedCells(
              e ->
                  e.strings().get("route").startsWith("/a/")
                      && e.strings().get("region").equals(region)),
          actualCells(series),
          "region " + region);
    }
  }

  @Test
  void aTopNFoldsTheOtherGroups() {
    JsonNode answer =
        Api.post(
            PATH,
            request(Map.of("metric", metric, "groupBy", List.of("region"), "limit", 1)),
            tenant.bearer(),
            200);
    Map<String, Double> weights = new TreeMap<>();
    events.forEach(e -> weights.merge(e.strings().get("region"), e.weight(), Double::sum));
    String top = weights.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    assertEquals(2, answer.get("series").size());
    assertEquals(top, answer.get("series").get(0).get("group").get("region").asText());
    assertTrue(answer.get("series").get(1).get("other").asBoolean());
    assertCells(
        expectedCells(e -> !e.strings().get("region").equals(top)),
        actualCells(answer.get("series").get(1)),
        "other");
  }

  @Test
  void fewerValueBucketsTakeCoarserEdges() {
    Map<String, Object> body = request(Map.of("metric", metric));
    body.put("valueBuckets", 3);
    JsonNode answer = Api.post(PATH, body, tenant.bearer(), 200);
    assertEquals("[10.0,100.0,1000.0,10000.0]", answer.get("edges").toString());
  }

  @Test
  void refusesWhatTimeseriesRefusesNamingTheField() {
    assertError(request(Map.of("metric", metric, "filter", "route:")), "query.filter");
    assertError(request(Map.of("metric", metric, "groupBy", List.of("a", "a"))), "query.groupBy");
    assertError(request(Map.of("metric", "")), "query.metric");
    assertError(request(Map.of("metric", gauge)), "query.metric");
    Map<String, Object> body = request(Map.of("metric", metric));
    body.put("valueBuckets", 101);
    assertError(body, "valueBuckets");
    body = request(Map.of("metric", metric));
    body.put("interval", "0s");
    assertError(body, "interval");
    body.remove("query");
    body.put("interval", "10m");
    assertError(body, "query");
  }

  void assertError(Map<String, Object> body, String field) {
    JsonNode error = Api.post(PATH, body, tenant.bearer(), 400);
    assertEquals(field, error.get("details").get(0).get("field").asText(), error.toString());
  }

  @Test
  void anotherOrganizationsProjectIsForbiddenAndNoTokenUnauthorized() {
    Tenant other = Tenant.create(grants);
    Api.post(PATH, request(Map.of("metric", metric)), other.bearer(), 403);
    Api.post(PATH, request(Map.of("metric", metric)), "Bearer nope", 401);
  }
}
