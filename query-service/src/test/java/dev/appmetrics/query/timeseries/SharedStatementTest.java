package dev.appmetrics.query.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Queries of one metric and groupBy answered by one shared statement, grouped by a key that events carry as a
 * string, an integer or a boolean (or not at all): every query sees exactly its own groups and values, as the
 * reference computes them from the events.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStatementTest {

  static final String PATH = "/api/v1/query/timeseries";
  static final long START = 1_767_571_200L;
  static final long INTERVAL = 600;
  static final int BUCKETS = 12;

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;
  String metric;
  List<TestEvent> events = new ArrayList<>();

  @BeforeAll
  void writeEvents() throws Exception {
    tenant = Tenant.create(grants);
    metric = "shared.latency." + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 120; i++) {
      Map<String, String> strings = new HashMap<>();
      Map<String, Long> integers = new HashMap<>();
      Map<String, Boolean> booleans = new HashMap<>();
      if (i >= 100) {
        integers.put("tier", 9L);
      } else if (i % 4 == 0) {
        strings.put("tier", "gold");
      } else if (i % 4 == 1) {
        integers.put("tier", 2L);
      } else if (i % 4 == 2) {
        booleans.put("tier", true);
      }
      events.add(
          new TestEvent(
              tenant.projectId(),
              metric,
              "distribution",
              "millisecond",
              (START + i * 55L) * 1000,
              i,
              i % 3 == 0 ? 0.5 : 1.0,
              "0".repeat(31) + (i % 10),
              "0".repeat(16),
              strings,
              integers,
              Map.of(),
              booleans));
    }
    tenant.insert(clickHouse, json, events);
  }

  @Test
  void eachQueryOfASharedStatementHasOnlyTheGroupsAndValuesOfItsOwnFilter() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(START + INTERVAL * BUCKETS).toString());
    body.put("interval", "10m");
    body.put(
        "queries",
        List.of(
            Map.of(
                "label",
                "A",
                "metric",
                metric,
                "aggregate",
                "count",
                "filter",
                "value:<30",
                "groupBy",
                List.of("tier")),
            Map.of(
                "label",
                "B",
                "metric",
                metric,
                "aggregate",
                "p90",
                "filter",
                "value:>=20",
                "groupBy",
                List.of("tier")),
            Map.of(
                "label", "C", "metric", metric, "aggregate", "max", "groupBy", List.of("tier"))));
    JsonNode series = Api.post(PATH, body, tenant.bearer(), 200).get("series");

    List<String> labels = List.of("A", "B", "C");
    List<String> aggregates = List.of("count", "p90", "max");
    List<Predicate<TestEvent>> filters =
        List.of(e -> e.value() < 30, e -> e.value() >= 20, e -> true);
    int s = 0;
    for (int q = 0; q < 3; q++) {
      TreeSet<String> groups = new TreeSet<>();
      events.stream().filter(filters.get(q)).forEach(e -> groups.add(e.text("tier")));
      for (String group : groups) {
        JsonNode line = series.get(s++);
        String what = labels.get(q) + " of tier '" + group + "'";
        assertEquals(labels.get(q), line.get("label").asText(), what);
        assertEquals(group, line.get("group").get("tier").asText(), what);
        Predicate<TestEvent> filter = filters.get(q);
        Api.assertValues(
            Reference.series(
                events,
                metric,
                aggregates.get(q),
                e -> filter.test(e) && e.text("tier").equals(group),
                START,
                INTERVAL,
                BUCKETS),
            line.get("values"),
            what);
      }
    }
    assertEquals(s, series.size(), "no series beyond the reference's groups");
  }

  @Test
  void aMetricsFirstEventsShowTheirGroupsAndUnitAtOnce() throws Exception {
    String fresh = "fresh.latency." + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(START + INTERVAL * BUCKETS).toString());
    body.put("interval", "10m");
    body.put(
        "queries",
        List.of(
            Map.of("label", "A", "metric", fresh, "aggregate", "max", "groupBy", List.of("tier"))));
    assertEquals(
        0,
        Api.post(PATH, body, tenant.bearer(), 200).get("series").size(),
        "no events yet, no groups");

    tenant.insert(
        clickHouse,
        json,
        List.of(
            new TestEvent(
                tenant.projectId(),
                fresh,
                "distribution",
                "second",
                START * 1000 + 1,
                4.5,
                1.0,
                "0".repeat(32),
                "0".repeat(16),
                Map.of("tier", "gold"),
                Map.of(),
                Map.of(),
                Map.of())));
    JsonNode series = Api.post(PATH, body, tenant.bearer(), 200).get("series");
    assertEquals(1, series.size());
    assertEquals("gold", series.get(0).get("group").get("tier").asText());
    assertEquals("second", series.get(0).get("unit").asText());
    assertEquals(4.5, series.get(0).get("values").get(0).asDouble());
  }
}
