package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.support.GoldenDataset.BUCKETS;
import static dev.appmetrics.query.support.GoldenDataset.END;
import static dev.appmetrics.query.support.GoldenDataset.INTERVAL;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.query.filter.FilterLimits;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quotes, backslashes, comments, unicode, long strings and SQL fragments in every user-controlled field: values
 * that reach SQL as literals match no event while a benign query beside them still finds its events, everything
 * else is a 400 naming the field, and the data stays whole.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  static final String PATH = "/api/v1/query/timeseries";
  static final List<String> HOSTILE =
      List.of(
          "'",
          "\\",
          "\\'",
          "''",
          "' OR '1'='1",
          "'; DROP TABLE metric_events; --",
          "\") OR 1=1 --",
          "/* */",
          "-- x",
          "a' UNION ALL SELECT * FROM system.tables --",
          "`",
          "${x}",
          "%s",
          "\u0000",
          "é✓中文\uD83D\uDE00",
          "\uD800",
          "x".repeat(5000),
          "1) OR (1=1",
          "has(attr_string_keys, 'region')",
          "\n\r\t",
          "SETTINGS readonly=0");

  /** Each non-blank hostile text written as a whole filter, and where the parser stops: none of them is a filter. */
  static final Map<String, String> UNPARSEABLE =
      Map.ofEntries(
          Map.entry("'", "expected ':' after ''' at position 2"),
          Map.entry("\\", "expected ':' after '\\' at position 2"),
          Map.entry("\\'", "expected ':' after '\\'' at position 3"),
          Map.entry("''", "expected ':' after '''' at position 3"),
          Map.entry("' OR '1'='1", "expected ':' after ''' at position 2"),
          Map.entry("'; DROP TABLE metric_events; --", "expected ':' after '';' at position 3"),
          Map.entry("\") OR 1=1 --", "expected an attribute key at position 1"),
          Map.entry("/* */", "expected ':' after '/*' at position 3"),
          Map.entry("-- x", "expected ':' after '--' at position 3"),
          Map.entry(
              "a' UNION ALL SELECT * FROM system.tables --",
              "expected ':' after 'a'' at position 3"),
          Map.entry("`", "expected ':' after '`' at position 2"),
          Map.entry("${x}", "expected ':' after '${x}' at position 5"),
          Map.entry("%s", "expected ':' after '%s' at position 3"),
          Map.entry("\u0000", "expected ':' after '\u0000' at position 2"),
          Map.entry("é✓中文\uD83D\uDE00", "expected ':' after 'é✓中文\uD83D\uDE00' at position 7"),
          Map.entry("\uD800", "expected ':' after '\uD800' at position 2"),
          Map.entry("x".repeat(5000), "is longer than 4096 characters at position 4097"),
          Map.entry("1) OR (1=1", "expected ':' after '1' at position 2"),
          Map.entry("has(attr_string_keys, 'region')", "expected ':' after 'has' at position 4"),
          Map.entry("SETTINGS readonly=0", "expected ':' after 'SETTINGS' at position 9"));

  /** Hostile text as unquoted values, keys and lists of filters that do parse: each reaches SQL only as a literal. */
  static final List<String> UNQUOTED_VALUES =
      List.of(
          "region:'eu'",
          "region:eu'--",
          "region:eu';",
          "region:[eu' OR '1'='1]",
          "route:/a'||'",
          "region:%",
          "region:.*",
          "retries:2'",
          "has:region'",
          "has:'region'",
          "region:eu\\",
          "region:\\'eu\\'",
          "region:eu\u0000",
          "SETTINGS:readonly=0",
          "region:eu\\\" OR route:\\\"/a");

  @Inject GrantPublisher grants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;
  GoldenDataset data;

  @BeforeAll
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    data = new GoldenDataset(tenant.projectId(), UUID.randomUUID().toString().substring(0, 8));
    tenant.insert(clickHouse, json, data.events);
  }

  Map<String, Object> request(Map<String, Object> query) {
    return request(List.of(query));
  }

  Map<String, Object> request(List<Map<String, Object>> queries) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", List.of(tenant.projectId()));
    body.put("start", Instant.ofEpochSecond(START).toString());
    body.put("end", Instant.ofEpochSecond(END).toString());
    body.put("interval", "10m");
    body.put("queries", queries);
    return body;
  }

  Map<String, Object> count(String metric) {
    return count("A", metric, null);
  }

  static Map<String, Object> count(String label, String metric, Object filter) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("label", label);
    q.put("metric", metric);
    q.put("aggregate", "count");
    if (filter != null) {
      q.put("filter", filter);
    }
    return q;
  }

  List<Double> zeros() {
    List<Double> zeros = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      zeros.add(0.0);
    }
    return zeros;
  }

  List<Double> all() {
    return Reference.series(
        data.events, data.distribution, "count", e -> true, START, INTERVAL, BUCKETS);
  }

  /**
   * The hostile query (label A) beside a benign control B in the same request, sharing its statement when the metric
   * is the same: A counts zero in every bucket, so not one row matched it, while B finds exactly its events.
   */
  void assertMatchesNothingBesideTheControl(Map<String, Object> hostile, String what) {
    List<Double> control =
        Reference.series(
            data.events,
            data.distribution,
            "count",
            e -> e.text("region").equals("eu"),
            START,
            INTERVAL,
            BUCKETS);
    assertTrue(control.stream().anyMatch(v -> v > 0), "the control has events to find");
    JsonNode series =
        Api.post(
                PATH,
                request(List.of(hostile, count("B", data.distribution, "region:eu"))),
                tenant.bearer(),
                200)
            .get("series");
    assertEquals(2, series.size(), what);
    assertEquals("A", series.get(0).get("label").asText(), what);
    assertEquals(0, series.get(0).get("group").size(), what);
    assertFalse(series.get(0).get("other").asBoolean(), what);
    Api.assertValues(zeros(), series.get(0).get("values"), what);
    assertEquals("B", series.get(1).get("label").asText(), what);
    Api.assertValues(control, series.get(1).get("values"), "the control beside " + what);
  }

  void assertRefused(Map<String, Object> body, String message, String what) {
    JsonNode error = Api.post(PATH, body, tenant.bearer(), 400);
    assertEquals("bad_request", error.get("code").asText(), what);
    assertEquals(message, error.get("message").asText(), what);
  }

  @Test
  void hostileMetricNamesFindNoDataOrAreRefusedWhenBlankOrTooLong() {
    for (String hostile : HOSTILE) {
      if (hostile.length() > TimeseriesPlan.MAX_METRIC_LENGTH || hostile.isBlank()) {
        assertRefused(
            request(count(hostile)),
            "queries[0].metric must be a metric name of 1 to 200 characters",
            hostile);
      } else {
        assertMatchesNothingBesideTheControl(count(hostile), "metric " + hostile);
      }
    }
  }

  @Test
  void hostileFilterValuesAndKeysMatchNothingWhenQuoted() {
    for (String hostile : HOSTILE) {
      String quoted = "\"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      String key = hostile.substring(0, Math.min(hostile.length(), FilterLimits.MAX_KEY_LENGTH));
      for (Object filter :
          List.of(
              "region:" + quoted,
              "route:[" + quoted + ", " + quoted + "]",
              Map.of("key", key, "op", "eq", "value", hostile),
              Map.of("has", key))) {
        Map<String, Object> q = count("A", data.distribution, filter);
        if (filter instanceof String text && text.length() > FilterLimits.MAX_LENGTH) {
          assertRefused(
              request(q),
              "queries[0].filter: is longer than 4096 characters at position 4097",
              hostile);
        } else if (filter instanceof Map<?, ?> term
            && term.containsKey("value")
            && key.length() + hostile.length() > FilterLimits.MAX_LENGTH) {
          assertRefused(
              request(q),
              "queries[0].filter has "
                  + (key.length() + hostile.length())
                  + " characters of keys and values; at most 4096",
              hostile);
        } else {
          assertMatchesNothingBesideTheControl(q, "filter " + filter);
        }
      }
    }
  }

  @Test
  void hostileTextAsAWholeFilterIsAFourHundredNamingTheFieldAndPosition() {
    assertEquals(
        HOSTILE.stream().filter(h -> !h.isBlank()).collect(Collectors.toSet()),
        UNPARSEABLE.keySet());
    UNPARSEABLE.forEach(
        (hostile, error) ->
            assertRefused(
                request(count("A", data.distribution, hostile)),
                "queries[0].filter: " + error,
                hostile));
  }

  @Test
  void hostileTextWrittenAsUnquotedValuesMatchesNothing() {
    for (String filter : UNQUOTED_VALUES) {
      assertMatchesNothingBesideTheControl(count("A", data.distribution, filter), filter);
    }
  }

  /** Whitespace is what separates terms, so a filter of nothing else is no filter, exactly like an empty one. */
  @Test
  void aFilterOfOnlyWhitespaceIsNoFilter() {
    JsonNode series =
        Api.post(
                PATH,
                request(
                    List.of(
                        count("A", data.distribution, "\n\r\t"),
                        count("B", data.distribution, null))),
                tenant.bearer(),
                200)
            .get("series");

    Api.assertValues(all(), series.get(0).get("values"), "whitespace filter");
    Api.assertValues(all(), series.get(1).get("values"), "no filter");
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
      Api.assertValues(all(), series.get(0).get("values"), "grouped by " + hostile);
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
    Api.assertValues(
        all(),
        Api.post(PATH, request(count(data.distribution)), tenant.bearer(), 200)
            .get("series")
            .get(0)
            .get("values"),
        "all events still there");
  }
}
