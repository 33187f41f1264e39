package dev.appmetrics.query.trace;

import static dev.appmetrics.query.trace.TraceRows.randomSpanId;
import static dev.appmetrics.query.trace.TraceRows.randomTraceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import dev.appmetrics.query.support.TestEvent;
import dev.appmetrics.query.trace.TraceRows.ErrorRow;
import dev.appmetrics.query.trace.TraceRows.LogRow;
import dev.appmetrics.query.trace.TraceRows.SpanRow;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated traces with known answers, written straight into appmetrics_test: one checkout trace with a slow
 * query, a log, an error and a failed-checkout metric; look-alikes that each miss one condition; and segments at
 * known distances from a sample for comparable traces.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceGoldenTest {

  @Inject Tenants tenants;
  @Inject ClickHouseClient clickHouse;
  @Inject ObjectMapper json;

  Tenant tenant;

  /** Three hours ago, so the default range (the last 90 days) and a search over the last day both cover it. */
  final long t0 = Instant.now().minusSeconds(3 * 3600).toEpochMilli();

  final String checkout = randomTraceId();
  final String root = randomSpanId();
  final String slowQuery = randomSpanId();
  final String payment = randomSpanId();
  final String paymentQuery = randomSpanId();
  final String orphan = randomSpanId();

  /** Fails no checkout but has a slow query. */
  final String slowButFine = randomTraceId();

  /** Fails a checkout but its query is fast. */
  final String failedButFast = randomTraceId();

  /** Every span written, the reference computations' input. */
  final List<SpanRow> spans = new ArrayList<>();

  final long sampleMillis = t0 + 3_600_000;
  final String metric = "checkout.failed." + randomSpanId();

  @BeforeAll
  void writeTraces() throws Exception {
    tenant = tenants.create();
    spans.addAll(
        List.of(
            new SpanRow(
                checkout,
                root,
                "",
                true,
                "http.server",
                "POST /checkout",
                "/checkout",
                "1.0",
                "prod",
                t0,
                1200),
            new SpanRow(
                checkout,
                slowQuery,
                root,
                false,
                "db.query",
                "SELECT * FROM carts",
                "/checkout",
                "1.0",
                "prod",
                t0 + 10,
                700),
            new SpanRow(
                checkout,
                payment,
                root,
                false,
                "http.client",
                "POST /pay",
                "/checkout",
                "1.0",
                "prod",
                t0 + 720,
                300),
            new SpanRow(
                checkout,
                paymentQuery,
                payment,
                false,
                "db.query",
                "UPDATE orders",
                "/checkout",
                "1.0",
                "prod",
                t0 + 730,
                50),
            // Its parent belongs to a service whose spans were sampled out: it is a root of its
            // own.
            new SpanRow(
                checkout,
                orphan,
                "ffffffffffffffff",
                false,
                "queue.process",
                "send receipt",
                "/checkout",
                "1.0",
                "prod",
                t0 + 1100,
                400),
            new SpanRow(
                slowButFine,
                randomSpanId(),
                "",
                true,
                "http.server",
                "GET /cart",
                "/cart",
                "1.0",
                "prod",
                t0 + 5000,
                900),
            new SpanRow(
                slowButFine,
                randomSpanId(),
                "",
                false,
                "db.query",
                "SELECT 1",
                "/cart",
                "1.0",
                "prod",
                t0 + 5010,
                800),
            new SpanRow(
                failedButFast,
                randomSpanId(),
                "",
                true,
                "http.server",
                "POST /checkout",
                "/checkout",
                "1.0",
                "prod",
                t0 + 9000,
                300),
            new SpanRow(
                failedButFast,
                randomSpanId(),
                "",
                false,
                "db.query",
                "SELECT 2",
                "/checkout",
                "1.0",
                "prod",
                t0 + 9010,
                40)));
    // Comparable candidates around the sample: distance in minutes, and which attribute differs (if
    // any).
    Object[][] candidates = {
      {5, null},
      {-10, null},
      {120, null},
      {-300, null},
      {1, "release"},
      {2, "environment"},
      {3, "transaction"},
      {-7 * 24 * 60 - 60, null}
    };
    for (Object[] candidate : candidates) {
      long start = sampleMillis + (int) candidate[0] * 60_000L;
      String differs = (String) candidate[1];
      String trace = randomTraceId();
      spans.add(
          new SpanRow(
              trace,
              randomSpanId(),
              "",
              true,
              "http.server",
              "POST /checkout",
              "transaction".equals(differs) ? "/cart" : "/checkout",
              "release".equals(differs) ? "2.0" : "1.0",
              "environment".equals(differs) ? "staging" : "prod",
              start,
              250));
      // A child span never counts as a trace of its own.
      spans.add(
          new SpanRow(
              trace,
              randomSpanId(),
              "",
              false,
              "db.query",
              "SELECT 3",
              "/checkout",
              "1.0",
              "prod",
              start + 1,
              100));
    }
    List<SpanRow> shuffled = new ArrayList<>(spans);
    Collections.shuffle(shuffled);
    TraceRows.insert(
        clickHouse,
        json,
        "spans",
        shuffled.stream().map(s -> s.row(tenant.organizationId(), tenant.projectId())).toList());
    TraceRows.insert(
        clickHouse,
        json,
        "logs",
        List.of(
            new LogRow(checkout, slowQuery, t0 + 600, "warn", "slow query on carts")
                .row(tenant.organizationId(), tenant.projectId()),
            new LogRow(checkout, payment, t0 + 1000, "error", "payment timeout")
                .row(tenant.organizationId(), tenant.projectId()),
            new LogRow(slowButFine, "", t0 + 5100, "info", "cart shown")
                .row(tenant.organizationId(), tenant.projectId())));
    TraceRows.insert(
        clickHouse,
        json,
        "errors",
        List.of(
            new ErrorRow(checkout, payment, t0 + 1010, "TypeError", "card is undefined")
                .row(tenant.organizationId(), tenant.projectId())));
    tenants.insert(
        tenant,
        List.of(
            metric(checkout, payment, t0 + 1015, 1),
            metric(failedButFast, "", t0 + 9100, 2),
            metric(slowButFine, "", t0 + 5200, 0)));
  }

  TestEvent metric(String traceId, String spanId, long millis, double value) {
    return new TestEvent(
        tenant.projectId(),
        metric,
        "counter",
        "none",
        millis,
        value,
        1.0,
        traceId,
        spanId,
        Map.of("route", "/checkout"),
        Map.of(),
        Map.of(),
        Map.of());
  }

  @Test
  void traceReturnsSpansDepthFirstWithTimingsAndItsLogsErrorsAndMetrics() {
    JsonNode trace =
        Api.get(
            "/api/v1/traces/" + checkout.toUpperCase() + "?project=" + tenant.projectId(),
            tenant.bearer(),
            200);

    assertEquals(checkout, trace.get("traceId").asText());
    List<String> order = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    trace
        .get("spans")
        .forEach(
            s -> {
              order.add(s.get("spanId").asText());
              depths.add(s.get("depth").asInt());
            });
    assertEquals(List.of(root, slowQuery, payment, paymentQuery, orphan), order);
    assertEquals(List.of(0, 1, 1, 2, 0), depths);
    JsonNode query = trace.get("spans").get(3);
    assertEquals(730, query.get("offsetMs").asDouble());
    assertEquals(50, query.get("durationMs").asDouble());
    assertEquals(payment, query.get("parentSpanId").asText());
    assertEquals("web-1", query.get("attributes").get("server").asText());
    assertEquals(3, query.get("attributes").get("rows").asLong());
    assertTrue(trace.get("spans").get(0).get("segment").asBoolean());
    assertEquals(
        1500, trace.get("durationMs").asDouble(), "the orphan ends last, at 1100 + 400 ms");
    assertEquals(Instant.ofEpochMilli(t0).toString(), trace.get("start").asText());

    assertEquals(
        List.of("slow query on carts", "payment timeout"),
        trace.get("logs").findValues("body").stream().map(JsonNode::asText).toList());
    assertTrue(trace.get("logs").get(1).get("attributes").get("retry").asBoolean());

    JsonNode error = trace.get("errors").get(0);
    assertEquals(1, trace.get("errors").size());
    assertEquals("TypeError", error.get("type").asText());
    assertEquals("card is undefined", error.get("value").asText());
    assertEquals(payment, error.get("spanId").asText());
    assertEquals("pay", error.get("frames").get(1).get("function").asText());
    assertEquals(42, error.get("frames").get(1).get("lineno").asLong());
    assertTrue(error.get("frames").get(1).get("inApp").asBoolean());

    assertEquals(1, trace.get("metrics").size());
    assertEquals(metric, trace.get("metrics").get(0).get("metric").asText());
    assertEquals(payment, trace.get("metrics").get(0).get("spanId").asText());
    assertFalse(trace.get("truncated").asBoolean());
  }

  @Test
  void aSamplesTimeFindsTheSameTrace() {
    String at = Instant.ofEpochMilli(t0 + 1015).toString();
    JsonNode trace =
        Api.get(
            "/api/v1/traces/" + checkout + "?project=" + tenant.projectId() + "&at=" + at,
            tenant.bearer(),
            200);

    assertEquals(5, trace.get("spans").size());
    assertEquals(1, trace.get("metrics").size());
  }

  @Test
  void aTraceThatWasNotStoredIsEmptyNotAnError() {
    JsonNode trace =
        Api.get(
            "/api/v1/traces/" + randomTraceId() + "?project=" + tenant.projectId(),
            tenant.bearer(),
            200);

    assertEquals(0, trace.get("spans").size());
    assertEquals(0, trace.get("logs").size());
    assertTrue(trace.get("start").isNull());
  }

  @Test
  void malformedTraceIdsAreRefused() {
    Api.get("/api/v1/traces/abc?project=" + tenant.projectId(), tenant.bearer(), 400);
    Api.get("/api/v1/traces/" + checkout + "'?project=" + tenant.projectId(), tenant.bearer(), 400);
    Api.get("/api/v1/traces/" + checkout, tenant.bearer(), 400);
  }

  /** The reference: segments with all three attributes equal, one per trace, nearest first. */
  List<String> expectedComparable(int limit, long maxDistanceMillis) {
    return spans.stream()
        .filter(
            s ->
                s.segment()
                    && s.release().equals("1.0")
                    && s.environment().equals("prod")
                    && s.transaction().equals("/checkout"))
        .filter(s -> Math.abs(s.startMillis() - sampleMillis) < maxDistanceMillis)
        .sorted(Comparator.comparingLong(s -> Math.abs(s.startMillis() - sampleMillis)))
        .map(SpanRow::traceId)
        .limit(limit)
        .toList();
  }

  Map<String, Object> comparableRequest(int limit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project", tenant.projectId());
    body.put("timestamp", Instant.ofEpochMilli(sampleMillis).toString());
    body.put("match", Map.of("release", "1.0", "environment", "prod", "transaction", "/checkout"));
    body.put("limit", limit);
    return body;
  }

  @Test
  void comparableTracesShareEveryChosenAttributeAndComeNearestFirst() {
    JsonNode answer =
        Api.post("/api/v1/traces/comparable", comparableRequest(3), tenant.bearer(), 200);

    assertEquals("comparable", answer.get("label").asText());
    List<String> traces =
        answer.get("traces").findValues("traceId").stream().map(JsonNode::asText).toList();
    assertEquals(expectedComparable(3, Long.MAX_VALUE), traces);
    answer.get("traces").forEach(t -> assertEquals("comparable", t.get("label").asText()));
    assertEquals(5 * 60_000, answer.get("traces").get(0).get("distanceMs").asLong());
  }

  @Test
  void comparableTracesWidenTheWindowUntilEnoughAreFound() {
    JsonNode answer =
        Api.post("/api/v1/traces/comparable", comparableRequest(10), tenant.bearer(), 200);

    List<String> traces =
        answer.get("traces").findValues("traceId").stream().map(JsonNode::asText).toList();
    assertEquals(
        expectedComparable(10, 7 * 86_400_000L),
        traces,
        "everything within the widest window, a week");
    assertEquals(
        6,
        traces.size(),
        "four candidates and two traces of the dataset, an hour before the sample");
  }

  @Test
  void comparableTracesLeaveOutTheSamplesOwnTrace() {
    Map<String, Object> body = comparableRequest(1);
    String nearest = expectedComparable(1, Long.MAX_VALUE).get(0);
    body.put("excludeTraceId", nearest);

    JsonNode answer = Api.post("/api/v1/traces/comparable", body, tenant.bearer(), 200);

    assertEquals(
        expectedComparable(2, Long.MAX_VALUE).get(1),
        answer.get("traces").get(0).get("traceId").asText());
  }

  @Test
  void comparableTracesRefuseAttributesOutsideTheAllowList() {
    Map<String, Object> body = comparableRequest(3);
    body.put("match", Map.of("description", "x"));
    Api.post("/api/v1/traces/comparable", body, tenant.bearer(), 400);
    body.put("match", Map.of());
    Api.post("/api/v1/traces/comparable", body, tenant.bearer(), 400);
  }

  Set<String> search(List<Map<String, Object>> conditions) {
    JsonNode answer =
        Api.post(
            "/api/v1/traces/search",
            Map.of("project", tenant.projectId(), "period", "1d", "conditions", conditions),
            tenant.bearer(),
            200);
    return answer.get("traces").findValues("traceId").stream()
        .map(JsonNode::asText)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  final Map<String, Object> failedCheckout =
      Map.of(
          "kind",
          "metric",
          "metric",
          metric,
          "having",
          Map.of("aggregate", "sum", "operator", ">", "value", 0));
  final Map<String, Object> slowDbQuery =
      Map.of("kind", "span", "op", "db.query", "durationMs", Map.of("operator", ">", "value", 500));

  @Test
  void searchFindsTracesMeetingConditionsOnMetricsAndSpansTogether() {
    assertEquals(Set.of(checkout), search(List.of(failedCheckout, slowDbQuery)));
    assertEquals(new TreeSet<>(Set.of(checkout, failedButFast)), search(List.of(failedCheckout)));
    assertEquals(new TreeSet<>(Set.of(checkout, slowButFine)), search(List.of(slowDbQuery)));
  }

  @Test
  void searchCombinesLogsAndErrors() {
    Map<String, Object> errorLog = Map.of("kind", "log", "level", "error", "text", "TIMEOUT");
    Map<String, Object> typeError = Map.of("kind", "error", "exceptionType", "TypeError");
    Map<String, Object> twoQueries =
        Map.of(
            "kind",
            "span",
            "op",
            "db.query",
            "having",
            Map.of("aggregate", "count", "operator", ">=", "value", 2));

    assertEquals(Set.of(checkout), search(List.of(errorLog, typeError, twoQueries)));
    assertEquals(Set.of(), search(List.of(typeError, Map.of("kind", "log", "level", "info"))));
  }

  @Test
  void searchRefusesUnsafeOrMeaninglessConditions() {
    List<Map<String, Object>> bad =
        List.of(
            Map.of("kind", "table"),
            Map.of("kind", "span", "durationMs", Map.of("operator", "> 0 OR 1 =", "value", 1)),
            Map.of(
                "kind", "log", "having", Map.of("aggregate", "sum", "operator", ">", "value", 1)),
            Map.of("kind", "log", "metric", "x"),
            Map.of("kind", "metric"));
    for (Map<String, Object> condition : bad) {
      Api.post(
          "/api/v1/traces/search",
          Map.of("project", tenant.projectId(), "period", "1d", "conditions", List.of(condition)),
          tenant.bearer(),
          400);
    }
  }

  @Test
  void searchSummarisesEachTraceAndSortsByItsWholeDuration() {
    Map<String, Object> body =
        new LinkedHashMap<>(
            Map.of(
                "project",
                tenant.projectId(),
                "period",
                "1d",
                "conditions",
                List.of(failedCheckout),
                "sort",
                "-duration"));
    JsonNode answer = Api.post("/api/v1/traces/search", body, tenant.bearer(), 200);

    // Reference: each trace's extent over its stored spans and the matched metric event.
    Map<String, Long> durations = new LinkedHashMap<>();
    for (String trace : List.of(checkout, failedButFast)) {
      long start =
          spans.stream()
              .filter(s -> s.traceId().equals(trace))
              .mapToLong(SpanRow::startMillis)
              .min()
              .orElseThrow();
      long end =
          spans.stream()
              .filter(s -> s.traceId().equals(trace))
              .mapToLong(s -> s.startMillis() + s.durationMillis())
              .max()
              .orElseThrow();
      durations.put(trace, end - start);
    }
    List<String> longestFirst =
        durations.keySet().stream()
            .sorted(Comparator.comparing(durations::get).reversed())
            .toList();
    assertEquals(
        longestFirst,
        answer.get("traces").findValues("traceId").stream().map(JsonNode::asText).toList());
    assertFalse(answer.get("truncated").asBoolean());

    JsonNode first = answer.get("traces").get(0);
    SpanRow segment =
        spans.stream()
            .filter(s -> s.traceId().equals(checkout) && s.segment())
            .findFirst()
            .orElseThrow();
    assertEquals(durations.get(checkout), first.get("durationMs").asLong());
    assertEquals(
        Instant.ofEpochMilli(segment.startMillis()).toString(), first.get("start").asText());
    assertEquals(segment.transaction(), first.get("transaction").asText());
    assertEquals(segment.op(), first.get("op").asText());
    assertEquals(segment.durationMillis(), first.get("rootDurationMs").asDouble());
    assertEquals(segment.release(), first.get("release").asText());
    assertEquals(segment.environment(), first.get("environment").asText());
    assertEquals(
        spans.stream().filter(s -> s.traceId().equals(checkout)).count(),
        first.get("spanCount").asLong());
    assertEquals(1, first.get("errorCount").asLong());
    assertEquals(metric, first.get("metrics").get(0).get("metric").asText());
    assertEquals(1.0, first.get("metrics").get(0).get("sum").asDouble());

    body.put("sort", "-start");
    assertEquals(
        List.of(failedButFast, checkout),
        Api.post("/api/v1/traces/search", body, tenant.bearer(), 200)
            .get("traces")
            .findValues("traceId")
            .stream()
            .map(JsonNode::asText)
            .toList());
  }

  @Test
  void searchSaysWhenItCappedTheTraces() {
    JsonNode answer =
        Api.post(
            "/api/v1/traces/search",
            Map.of(
                "project",
                tenant.projectId(),
                "period",
                "1d",
                "conditions",
                List.of(slowDbQuery),
                "limit",
                1),
            tenant.bearer(),
            200);

    assertEquals(1, answer.get("traces").size());
    assertTrue(answer.get("truncated").asBoolean());
  }

  @Test
  void searchSelectsSpansByTransactionReleaseAndEnvironment() {
    assertEquals(
        Set.of(slowButFine),
        search(
            List.of(
                Map.of(
                    "kind",
                    "span",
                    "transaction",
                    "/cart",
                    "release",
                    "1.0",
                    "environment",
                    "prod",
                    "durationMs",
                    Map.of("operator", ">", "value", 500)))));
  }

  @Test
  void traceCatalogListsOpsLevelsAndExceptionTypesOfTheProject() {
    JsonNode catalog =
        Api.get("/api/v1/catalog/traces?project=" + tenant.projectId(), tenant.bearer(), 200);

    assertEquals(
        spans.stream().map(SpanRow::op).collect(Collectors.toCollection(TreeSet::new)),
        texts(catalog.get("ops")));
    assertEquals(Set.of("warn", "error", "info"), texts(catalog.get("logLevels")));
    assertEquals(Set.of("TypeError"), texts(catalog.get("exceptionTypes")));
    assertEquals(Set.of("prod", "staging"), texts(catalog.get("environments")));
    Api.get("/api/v1/catalog/traces?project=" + tenants.create().projectId(), tenant.bearer(), 403);
    Api.get("/api/v1/catalog/traces?project=abc", tenant.bearer(), 400);
  }

  @Test
  void traceCatalogSaysWhichAggregatesAndOperatorsEachKindTakesAsSearchAcceptsThem() {
    JsonNode answer = Api.get("/api/v1/catalog/traces/aggregates", tenant.bearer(), 200);

    Map<String, List<String>> byKind = new LinkedHashMap<>();
    byKind.put("metric", List.of("count", "sum", "min", "max", "avg"));
    byKind.put("span", List.of("count", "sum", "min", "max", "avg"));
    byKind.put("log", List.of("count"));
    byKind.put("error", List.of("count"));
    List<String> operators = List.of(">", ">=", "<", "<=", "=", "!=");
    assertEquals(json.valueToTree(byKind), answer.get("aggregates"));
    assertEquals(
        List.copyOf(byKind.keySet()),
        fieldNames(answer.get("aggregates")),
        "the kinds in the order to offer");
    assertEquals(json.valueToTree(operators), answer.get("operators"));
    for (String kind : byKind.keySet()) {
      Map<String, Object> condition = new LinkedHashMap<>(Map.of("kind", kind));
      if (kind.equals("metric")) {
        condition.put("metric", metric);
      }
      for (String aggregate : List.of("count", "sum", "min", "max", "avg", "p95", "last")) {
        condition.put("having", Map.of("aggregate", aggregate, "operator", ">", "value", 0));
        Api.post(
            "/api/v1/traces/search",
            Map.of("project", tenant.projectId(), "period", "1d", "conditions", List.of(condition)),
            tenant.bearer(),
            byKind.get(kind).contains(aggregate) ? 200 : 400);
      }
    }
    for (String operator : List.of(">", ">=", "<", "<=", "=", "!=", "<>", "==", "LIKE")) {
      Map<String, Object> condition =
          Map.of("kind", "span", "durationMs", Map.of("operator", operator, "value", 1));
      Api.post(
          "/api/v1/traces/search",
          Map.of("project", tenant.projectId(), "period", "1d", "conditions", List.of(condition)),
          tenant.bearer(),
          operators.contains(operator) ? 200 : 400);
    }
  }

  static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static Set<String> texts(JsonNode values) {
    Set<String> texts = new TreeSet<>();
    values.forEach(v -> texts.add(v.asText()));
    return texts;
  }
}
