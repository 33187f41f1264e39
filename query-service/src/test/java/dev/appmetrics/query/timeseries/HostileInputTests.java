package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.support.GoldenDataset.BUCKETS;
import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.INTERVAL;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quotes, backslashes, comments, unicode, long strings and SQL fragments in every user-controlled field: values
 * that reach SQL as literals give correct (mostly empty) answers, everything else a 400, and the data stays whole.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

  static final String PATH = "/api/v1/query/timeseries";
  static final List<String> HOSTILE = List.of(
      "'", "\\", "\\'", "''", "' OR '1'='1", "'; DROP TABLE metric_events; --", "\") OR 1=1 --", "/* */", "-- x",
      "a' UNION ALL SELECT * FROM system.tables --", "`", "${x}", "%s", "\u0000", "é✓中文\uD83D\uDE00", "\uD800",
      "x".repeat(5000), "1) OR (1=1", "has(attr_string_keys, 'region')", "\n\r\t", "SETTINGS readonly=0");

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

  Map<String, Object> request(Map<String, Object> query) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("interval", "10m");
    body.put("queries", List.of(query));
    return body;
  }

  Map<String, Object> count(String metric) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("label", "A");
    q.put("metric", metric);
    q.put("aggregate", "count");
    return q;
  }

  List<Double> zeros() {
    List<Double> zeros = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      zeros.add(0.0);
    }
    return zeros;
  }

  @Test
  void hostileMetricNamesFindNoDataOrAreRefusedWhenBlankOrTooLong() {
    for (String hostile : HOSTILE) {
      if (hostile.length() > TimeseriesPlan.MAX_METRIC_LENGTH || hostile.isBlank()) {
        Api.post(PATH, request(count(hostile)), tenant.bearer(), 400);
      } else {
        Api.assertValues(zeros(), Api.post(PATH, request(count(hostile)), tenant.bearer(), 200)
            .get("series").get(0).get("values"), hostile);
      }
    }
  }

  @Test
  void hostileFilterValuesAndKeysMatchNothingWhenQuoted() {
    for (String hostile : HOSTILE) {
      String quoted = "\"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      for (Object filter : List.of("region:" + quoted, "route:[" + quoted + ", " + quoted + "]",
          Map.of("key", hostile.isEmpty() ? "k" : hostile.substring(0, Math.min(hostile.length(), 200)), "op", "eq", "value", hostile),
          Map.of("has", hostile.substring(0, Math.min(hostile.length(), 200))))) {
        Map<String, Object> q = count(data.distribution);
        q.put("filter", filter);
        int status = filter instanceof String s && s.length() > 4096 ? 400 : 200;
        JsonNode answer = Api.post(PATH, request(q), tenant.bearer(), status);
        if (status == 200) {
          Api.assertValues(zeros(), answer.get("series").get(0).get("values"), "filter " + filter);
        }
      }
    }
  }

  @Test
  void hostileUnquotedFiltersAreEitherMatchesOfNothingOrFourHundreds() {
    for (String hostile : HOSTILE) {
      Map<String, Object> q = count(data.distribution);
      q.put("filter", hostile);
      Response response = RestAssured.given().header("Authorization", tenant.bearer()).contentType(ContentType.JSON)
          .body(request(q)).post(PATH);
      assertTrue(response.statusCode() == 400 || response.statusCode() == 200,
          hostile + " gave " + response.statusCode() + ": " + response.asString());
      if (response.statusCode() == 200) {
        assertEquals(1, response.jsonPath().getList("series").size(), hostile);
      }
    }
  }

  @Test
  void hostileGroupByKeysGroupEverythingUnderAnEmptyValue() {
    for (String hostile : HOSTILE) {
      Map<String, Object> q = count(data.distribution);
      q.put("groupBy", List.of(hostile));
      q.put("limit", 3);
      if (hostile.length() > 200) {
        Api.post(PATH, request(q), tenant.bearer(), 400);
        continue;
      }
      JsonNode series = Api.post(PATH, request(q), tenant.bearer(), 200).get("series");
      assertEquals(1, series.size(), hostile);
      assertEquals("", series.get(0).get("group").get(hostile).asText());
      Api.assertValues(Reference.series(data.events, data.distribution, "count", e -> true, START, INTERVAL, BUCKETS),
          series.get(0).get("values"), "grouped by " + hostile);
    }
  }

  @Test
  void hostileValuesInEveryOtherFieldAreFourHundreds() {
    for (String hostile : HOSTILE) {
      List<Map<String, Object>> bodies = new ArrayList<>();
      Map<String, Object> label = count(data.distribution);
      label.put("label", hostile);
      bodies.add(request(label));
      Map<String, Object> aggregate = count(data.distribution);
      aggregate.put("aggregate", hostile);
      bodies.add(request(aggregate));
      Map<String, Object> order = count(data.distribution);
      order.put("groupBy", List.of("region"));
      order.put("order", hostile);
      bodies.add(request(order));
      for (String field : List.of("interval", "start", "end", "compare")) {
        Map<String, Object> body = request(count(data.distribution));
        body.put(field, hostile);
        bodies.add(body);
      }
      Map<String, Object> period = request(count(data.distribution));
      period.remove("start");
      period.remove("end");
      period.put("period", hostile);
      bodies.add(period);
      Map<String, Object> equation = request(count(data.distribution));
      equation.put("equations", List.of(Map.of("label", "f1", "expression", "A + " + hostile)));
      bodies.add(equation);
      Map<String, Object> equationLabel = request(count(data.distribution));
      equationLabel.put("equations", List.of(Map.of("label", hostile, "expression", "A")));
      bodies.add(equationLabel);
      for (Map<String, Object> body : bodies) {
        JsonNode error = Api.post(PATH, body, tenant.bearer(), 400);
        assertEquals("bad_request", error.get("code").asText(), hostile);
      }
    }
  }

  @Test
  void theDataIsUnharmedAfterwards() {
    hostileMetricNamesFindNoDataOrAreRefusedWhenBlankOrTooLong();
    hostileFilterValuesAndKeysMatchNothingWhenQuoted();
    Api.assertValues(Reference.series(data.events, data.distribution, "count", e -> true, START, INTERVAL, BUCKETS),
        Api.post(PATH, request(count(data.distribution)), tenant.bearer(), 200).get("series").get(0).get("values"),
        "all events still there");
  }
}
