package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.TestEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code totals: true}: each series' value over the whole range equals the aggregate of the golden dataset's events
 * over that range, computed by {@link Reference} (a p95 of the events, not of the buckets), equations are evaluated
 * on the totals, and {@code compare} gives the previous period's total.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotalsTest {

  /** 110 minutes from the second bucket: not a multiple of its own length, so the one bucket starts off-grid. */
  static final long FROM = START + 600;

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;
  GoldenDataset data;
  JsonNode answer;

  @BeforeAll
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    data = new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    tenant.insert(clickHouse, json, data.events);
  }

  /** One request with every case, asked once (RestAssured knows the port only inside a test). */
  JsonNode answer() {
    if (answer != null) {
      return answer;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(FROM).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("interval", "10m");
    body.put("compare", "previous_period");
    body.put("totals", true);
    body.put(
        "queries",
        List.of(
            Map.of("label", "A", "metric", data.distribution, "aggregate", "p95"),
            Map.of(
                "label",
                "B",
                "metric",
                data.distribution,
                "aggregate",
                "count",
                "filter",
                "route:/a*"),
            Map.of("label", "C", "metric", data.counter, "aggregate", "sum"),
            Map.of(
                "label",
                "D",
                "metric",
                data.gauge,
                "aggregate",
                "avg",
                "groupBy",
                List.of("region"))));
    body.put("equations", List.of(Map.of("label", "f1", "expression", "A * 2 + B")));
    answer = Api.post("/api/v1/query/timeseries", body, tenant.bearer(), 200);
    assertTrue(
        (END - FROM) % 600 == 0 && FROM % (END - FROM) != 0, "the range starts off its own grid");
    return answer;
  }

  Double expected(
      String metric, String aggregate, Predicate<TestEvent> filter, long from, long to) {
    return Reference.aggregate(aggregate, in(data.events, metric, filter, from, to), to - from);
  }

  static List<TestEvent> in(
      List<TestEvent> events, String metric, Predicate<TestEvent> filter, long from, long to) {
    return events.stream()
        .filter(e -> e.metric().equals(metric) && e.bucketSecond() >= from && e.bucketSecond() < to)
        .filter(filter)
        .toList();
  }

  JsonNode series(String label, Map<String, String> group) {
    for (JsonNode s : answer().get("series")) {
      if (s.get("label").asText().equals(label)
          && json.convertValue(s.get("group"), Map.class).equals(group)) {
        return s;
      }
    }
    throw new AssertionError("no series " + label + " " + group + " in " + answer());
  }

  static void assertClose(Double expected, JsonNode actual, String what) {
    assertTrue(actual.isNumber(), what + ": " + actual);
    assertEquals(expected, actual.asDouble(), Math.abs(expected) * 1e-9, what);
  }

  @Test
  void aPercentileIsOverAllTheEventsOfTheRange() {
    Double p95 = expected(data.distribution, "p95", e -> true, FROM, END);
    JsonNode a = series("A", Map.of());
    assertClose(p95, a.get("total").get("value"), "p95 over the range");
    double bucketAverage = 0;
    int buckets = 0;
    for (JsonNode v : a.get("values")) {
      if (!v.isNull()) {
        bucketAverage += v.asDouble();
        buckets++;
      }
    }
    assertNotEquals(p95, bucketAverage / buckets, 1e-9, "not the average of the buckets' p95");
  }

  @Test
  void sumsAndCountsWithFiltersAndTheirPreviousPeriod() {
    Predicate<TestEvent> routeA = e -> e.strings().getOrDefault("route", "").startsWith("/a");
    assertClose(
        expected(data.distribution, "count", routeA, FROM, END),
        series("B", Map.of()).get("total").get("value"),
        "weighted count of route:/a*");
    long length = END - FROM;
    JsonNode c = series("C", Map.of()).get("total");
    assertClose(expected(data.counter, "sum", e -> true, FROM, END), c.get("value"), "counter sum");
    assertClose(
        expected(data.counter, "sum", e -> true, FROM - length, FROM),
        c.get("previous"),
        "counter sum of the previous period");
    assertFalse(c.get("previous").asDouble() == 0, "the previous period has counter events");
  }

  @Test
  void eachGroupHasItsOwnTotal() {
    for (String region : List.of("eu", "us", "ap", "sa", "")) {
      assertClose(
          expected(data.gauge, "avg", e -> e.text("region").equals(region), FROM, END),
          series("D", Map.of("region", region)).get("total").get("value"),
          "avg of region " + region);
    }
  }

  @Test
  void equationsAreEvaluatedOnTheTotals() {
    double a = series("A", Map.of()).get("total").get("value").asDouble();
    double b = series("B", Map.of()).get("total").get("value").asDouble();
    assertClose(
        a * 2 + b, series("f1", Map.of()).get("total").get("value"), "f1 = A * 2 + B on totals");
  }

  @Test
  void aTiersTotalsAreThoseOfTheEventsItKeepsAndSayHowManyTheyRestOn() {
    Predicate<TestEvent> routeA = e -> e.strings().getOrDefault("route", "").startsWith("/a");
    Map<String, Object> body =
        Map.of(
            "projects",
            List.of(tenant.projectId()),
            "start",
            Instant.ofEpochSecond(FROM).toString(),
            "end",
            Instant.ofEpochSecond(END).toString(),
            "interval",
            "10m",
            "totals",
            true,
            "compare",
            "previous_period",
            "sampling",
            "downsample_8",
            "queries",
            List.of(
                Map.of("label", "A", "metric", data.distribution, "aggregate", "p95"),
                Map.of(
                    "label",
                    "B",
                    "metric",
                    data.distribution,
                    "aggregate",
                    "count",
                    "filter",
                    "route:/a*"),
                Map.of("label", "C", "metric", data.counter, "aggregate", "sum")));
    JsonNode series =
        Api.post("/api/v1/query/timeseries", body, tenant.bearer(), 200).get("series");
    List<TestEvent> kept = Reference.inTier(data.events, 8);
    long length = END - FROM;
    Object[][] cases = {
      {data.distribution, "p95", (Predicate<TestEvent>) e -> true},
      {data.distribution, "count", routeA},
      {data.counter, "sum", (Predicate<TestEvent>) e -> true}
    };
    for (int i = 0; i < cases.length; i++) {
      String metric = (String) cases[i][0];
      String aggregate = (String) cases[i][1];
      @SuppressWarnings("unchecked")
      Predicate<TestEvent> filter = (Predicate<TestEvent>) cases[i][2];
      List<TestEvent> now = in(kept, metric, filter, FROM, END);
      JsonNode total = series.get(i).get("total");
      String what = aggregate + " of the 8 tier";
      assertTrue(!now.isEmpty(), what + ": the tier keeps some of the range's events");
      assertClose(Reference.aggregate(aggregate, now, length), total.get("value"), what);
      assertEquals(now.size(), total.get("storedEvents").asLong(), what + ": stored events");
      Double before =
          Reference.aggregate(aggregate, in(kept, metric, filter, FROM - length, FROM), length);
      if (before == null) {
        assertTrue(
            total.get("previous") == null || total.get("previous").isNull(), what + " previous");
      } else {
        assertClose(before, total.get("previous"), what + " previous");
      }
    }
  }

  @Test
  void withoutTotalsTheSeriesHaveNone() {
    Map<String, Object> body =
        Map.of(
            "projects",
            List.of(tenant.projectId()),
            "start",
            Instant.ofEpochSecond(FROM).toString(),
            "end",
            Instant.ofEpochSecond(END).toString(),
            "queries",
            List.of(Map.of("label", "A", "metric", data.distribution, "aggregate", "p95")));
    JsonNode plain = Api.post("/api/v1/query/timeseries", body, tenant.bearer(), 200);
    assertFalse(plain.get("series").get(0).has("total"));
  }
}
