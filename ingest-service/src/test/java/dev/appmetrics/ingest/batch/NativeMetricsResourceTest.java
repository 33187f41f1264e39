package dev.appmetrics.ingest.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The native JSON batch: every field reaches ClickHouse; every validation rule rejects its item by index. */
@QuarkusTest
class NativeMetricsResourceTest {

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static String metric(String name, String kind, String value, long timestampSeconds) {
    return """
        {"name": "%s", "kind": "%s", "value": %s, "unit": "millisecond", "timestamp": %d,
         "trace_id": "%s", "span_id": "00f067aa0ba902b7", "client_sample_rate": 0.5,
         "attributes": {"route": "/checkout", "attempt": 3, "ratio": 0.25, "ok": true,
                        "region": {"value": "eu", "type": "string"}}}"""
        .formatted(name, kind, value, timestampSeconds, TRACE);
  }

  private static String batch(String... metrics) {
    return "{\"metrics\": [" + String.join(",", metrics) + "]}";
  }

  @Test
  void storesEveryFieldOfAnAcceptedMetric() {
    TestProject project = projects.create();
    long now = Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(batch(metric("checkout.duration", "distribution", "12.5", now)))
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1))
        .body("rejected", hasSize(0));

    JsonNode row = stored.await(project.projectId(), 1).get(0);
    assertEquals(project.organizationId(), row.get("organization_id").asLong());
    assertEquals("checkout.duration", row.get("metric_name").asText());
    assertEquals("distribution", row.get("metric_kind").asText());
    assertEquals(12.5, row.get("value").asDouble());
    assertEquals("millisecond", row.get("unit").asText());
    assertEquals(now * 1000, row.get("timestamp_ms").asLong());
    assertEquals(now, row.get("timestamp_s").asLong());
    assertEquals(0.5, row.get("client_sample_rate").asDouble());
    assertEquals(TRACE, row.get("trace_id").asText());
    assertEquals("00f067aa0ba902b7", row.get("span_id").asText());
    assertEquals(
        List.of("eu", "/checkout"),
        sortedPairs(row, "attr_string_keys", "attr_string_values", List.of("region", "route")));
    assertEquals("[\"attempt\"]", row.get("attr_int_keys").toString());
    assertEquals("[3]", row.get("attr_int_values").toString());
    assertEquals("[\"ratio\"]", row.get("attr_double_keys").toString());
    assertEquals("[0.25]", row.get("attr_double_values").toString());
    assertEquals("[\"ok\"]", row.get("attr_bool_keys").toString());
    assertEquals("[1]", row.get("attr_bool_values").toString());
  }

  /** The string values in the order of the given keys, whatever order the arrays have. */
  private static List<String> sortedPairs(
      JsonNode row, String keys, String values, List<String> order) {
    return order.stream()
        .map(
            key -> {
              for (int i = 0; i < row.get(keys).size(); i++) {
                if (row.get(keys).get(i).asText().equals(key)) {
                  return row.get(values).get(i).asText();
                }
              }
              return null;
            })
        .toList();
  }

  @Test
  void keepsValidItemsAndRejectsEachInvalidOneWithItsIndex() {
    TestProject project = projects.create();
    long now = Instant.now().getEpochSecond();
    String hugeAttributes =
        IntStream.range(0, 100)
            .mapToObj(i -> "\"k" + i + "\": " + i)
            .collect(Collectors.joining(",", "{", "}"));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(
            batch(
                metric("ok.first", "counter", "1", now),
                metric("9starts.with.digit", "counter", "1", now),
                metric("has-dash", "counter", "1", now),
                metric("n".repeat(201), "counter", "1", now),
                metric("bad.kind", "histogram", "1", now),
                metric("nan.value", "gauge", "NaN", now),
                metric("infinite.value", "gauge", "Infinity", now),
                metric("text.value", "gauge", "\"12\"", now),
                metric("too.old", "gauge", "1", now - 31L * 86_400),
                metric("too.new", "gauge", "1", now + 2 * 3_600),
                "{\"name\": \"huge.attributes\", \"kind\": \"gauge\", \"value\": 1, \"attributes\": "
                    + hugeAttributes
                    + "}",
                "{\"name\": \"long.key\", \"kind\": \"gauge\", \"value\": 1, \"attributes\": {\""
                    + "k".repeat(129)
                    + "\": 1}}",
                "{\"name\": \"long.value\", \"kind\": \"gauge\", \"value\": 1, \"attributes\": {\"k\": \""
                    + "v".repeat(1025)
                    + "\"}}",
                "{\"name\": \"bad.unit\", \"kind\": \"gauge\", \"value\": 1, \"unit\": \"milli second\"}",
                "{\"name\": \"long.unit\", \"kind\": \"gauge\", \"value\": 1, \"unit\": \""
                    + "u".repeat(65)
                    + "\"}",
                "{\"name\": \"bad.trace\", \"kind\": \"gauge\", \"value\": 1, \"trace_id\": \"xyz\"}",
                "{\"name\": \"bad.span\", \"kind\": \"gauge\", \"value\": 1, \"span_id\": \"123\"}",
                "{\"name\": \"bad.rate\", \"kind\": \"gauge\", \"value\": 1, \"client_sample_rate\": 0}",
                "{\"name\": \"bad.attribute.type\", \"kind\": \"gauge\", \"value\": 1, \"attributes\": {\"n\": {\"value\": \"x\", \"type\": \"integer\"}}}",
                "{\"name\": \"nan.attribute\", \"kind\": \"gauge\", \"value\": 1, \"attributes\": {\"d\": NaN}}",
                "\"not an object\"",
                metric("ok.last", "gauge", "2", now)))
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("rejected.index", contains(IntStream.rangeClosed(1, 20).boxed().toArray()))
        .body("rejected[0].reason", containsString("name must match"))
        .body("rejected[1].reason", containsString("name must match"))
        .body("rejected[2].reason", containsString("longer than 200"))
        .body("rejected[3].reason", containsString("type must be counter, gauge or distribution"))
        .body("rejected[4].reason", containsString("finite"))
        .body("rejected[5].reason", containsString("finite"))
        .body("rejected[6].reason", containsString("value is missing or not a number"))
        .body("rejected[7].reason", containsString("older than the retention"))
        .body("rejected[8].reason", containsString("in the future"))
        .body("rejected[9].reason", containsString("100 attributes, at most 64"))
        .body("rejected[10].reason", containsString("longer than 128"))
        .body("rejected[11].reason", containsString("longer than 1024"))
        .body("rejected[12].reason", containsString("printable ASCII"))
        .body("rejected[13].reason", containsString("longer than 64"))
        .body("rejected[14].reason", containsString("trace_id"))
        .body("rejected[15].reason", containsString("span_id"))
        .body("rejected[16].reason", containsString("client_sample_rate"))
        .body("rejected[17].reason", containsString("declared integer"))
        .body("rejected[18].reason", containsString("finite"))
        .body("rejected[19].reason", containsString("not a JSON object"));

    List<JsonNode> rows = stored.await(project.projectId(), 2);
    assertEquals(
        List.of("ok.first", "ok.last"),
        rows.stream().map(r -> r.get("metric_name").asText()).sorted().toList());
  }

  /** Issue 14: a timestamp beyond a long's milliseconds failed the whole batch with a 500, losing its valid metrics. */
  @Test
  void refusesTimestampsBeyondAnyCalendarOneByOneAndKeepsTheRest() {
    TestProject project = projects.create();
    long now = Instant.now().getEpochSecond();
    String far = "{\"name\": \"far\", \"kind\": \"gauge\", \"value\": 1, \"timestamp\": %s}";
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(
            batch(
                metric("ok.first", "counter", "1", now),
                far.formatted("\"+999999999-12-31T23:59:59Z\""),
                far.formatted("\"-999999999-01-01T00:00:00Z\""),
                far.formatted("1e300"),
                far.formatted("NaN"),
                metric("ok.last", "gauge", "2", now)))
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("rejected.index", contains(1, 2, 3, 4))
        .body("rejected[0].reason", equalTo("timestamp is more than 60 minutes in the future"))
        .body("rejected[1].reason", equalTo("timestamp is older than the retention of 30 days"))
        .body("rejected[2].reason", equalTo("timestamp is more than 60 minutes in the future"))
        .body("rejected[3].reason", equalTo("timestamp must be a finite number"));
    List<JsonNode> rows = stored.await(project.projectId(), 2);
    assertEquals(
        List.of("ok.first", "ok.last"),
        rows.stream().map(r -> r.get("metric_name").asText()).sorted().toList());
  }

  /** Issue 14: a field of the wrong JSON type answers 400 in the one error shape, naming the field. */
  @Test
  void namesTheFieldOfEveryWrongJsonType() {
    TestProject project = projects.create();
    String path = "/api/v1/projects/" + project.projectId() + "/metrics";
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body("{\"metrics\": 5}")
        .post(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("bad_request"))
        .body("details[0].field", equalTo("metrics"))
        .body("details[0].reason", equalTo("must be an array of metrics"));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(
            batch(
                "{\"name\": {\"a\": 1}, \"kind\": \"gauge\", \"value\": 1}",
                "{\"name\": \"u\", \"kind\": \"gauge\", \"value\": 1, \"unit\": 5}",
                "{\"name\": \"r\", \"kind\": \"gauge\", \"value\": 1, \"client_sample_rate\": \"half\"}",
                "{\"name\": \"t\", \"kind\": \"gauge\", \"value\": 1, \"timestamp\": true}",
                "{\"name\": \"a\", \"kind\": \"gauge\", \"value\": 1, \"attributes\": [1]}"))
        .post(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_metrics"))
        .body(
            "details.field",
            contains("metrics[0]", "metrics[1]", "metrics[2]", "metrics[3]", "metrics[4]"))
        .body(
            "details.reason",
            contains(
                "name must be a string, not an object",
                "unit must be a string, not a number",
                "client_sample_rate must be a number, not a string",
                "timestamp must be epoch seconds or ISO-8601, not a boolean",
                "attributes must be an object"));
    String message =
        given()
            .header("Authorization", "Bearer " + project.publicKey())
            .contentType("application/json")
            .body("{\"metrics\": " + "[".repeat(1_001))
            .post(path)
            .then()
            .statusCode(400)
            .body("code", equalTo("malformed_json"))
            .extract()
            .path("message");
    assertTrue(!message.contains("`") && !message.contains("StreamReadConstraints"), message);
  }

  @Test
  void answers400WithDetailsWhenNoItemIsValid() {
    TestProject project = projects.create();
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(batch("{\"name\": \"x\", \"kind\": \"gauge\", \"value\": NaN}"))
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_metrics"))
        .body("details[0].field", equalTo("metrics[0]"))
        .body("details[0].reason", containsString("finite"));
  }

  @Test
  void acceptsAnApiTokenWithTheIngestScopeOfTheOwningOrganization() {
    TestProject project = projects.create();
    String token = projects.token(project.organizationId(), Scope.INGEST);
    given()
        .header("Authorization", "Bearer " + token)
        .contentType("application/json")
        .body(batch("{\"name\": \"by.token\", \"kind\": \"counter\", \"value\": 4}"))
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    assertEquals(4.0, stored.await(project.projectId(), 1).get(0).get("value").asDouble());
  }

  @Test
  void refusesTokensWithoutIngestScopeOrOfAnotherOrganization() {
    TestProject project = projects.create();
    TestProject other = projects.create();
    String readOnly = projects.token(project.organizationId(), Scope.READ);
    String foreign = projects.token(other.organizationId(), Scope.INGEST);
    String body = batch("{\"name\": \"x\", \"kind\": \"counter\", \"value\": 1}");
    given()
        .header("Authorization", "Bearer " + readOnly)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + foreign)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + other.publicKey())
        .contentType("application/json")
        .body(body)
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer unknown")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
    given()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(401);
  }

  @Test
  void refusesOtherContentTypesMalformedJsonAndTooManyItems() {
    TestProject project = projects.create();
    String path = "/api/v1/projects/" + project.projectId() + "/metrics";
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("text/plain")
        .body(batch("{\"name\": \"x\", \"kind\": \"counter\", \"value\": 1}"))
        .post(path)
        .then()
        .statusCode(415)
        .body("code", equalTo("unsupported_media_type"));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body("{\"metrics\": [")
        .post(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body("[]")
        .post(path)
        .then()
        .statusCode(400);
    String tooMany =
        IntStream.range(0, 10_001)
            .mapToObj(i -> "{\"name\":\"m\",\"kind\":\"counter\",\"value\":1}")
            .collect(Collectors.joining(",", "{\"metrics\": [", "]}"));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(tooMany)
        .post(path)
        .then()
        .statusCode(413)
        .body("code", equalTo("too_many_items"));
  }

  @Test
  void countsRejectedAndAcceptedEventsOnTheMetricsEndpoint() {
    TestProject project = projects.create();
    String rejected =
        "appmetrics_ingest_events_total{outcome=\"rejected\",protocol=\"native\",reason=\"invalid\"}";
    String accepted =
        "appmetrics_ingest_events_total{outcome=\"accepted\",protocol=\"native\",reason=\"\"}";
    double rejectedBefore = counter(rejected);
    double acceptedBefore = counter(accepted);
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(
            batch(
                "{\"name\":\"ok\",\"kind\":\"counter\",\"value\":1}",
                "{\"name\":\"bad\",\"kind\":\"counter\",\"value\":NaN}",
                "{\"name\":\"bad\",\"kind\":\"nope\",\"value\":1}"))
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200);
    assertEquals(2.0, counter(rejected) - rejectedBefore);
    assertEquals(1.0, counter(accepted) - acceptedBefore);
  }

  private static double counter(String series) {
    return given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  /**
   * At 1 event/s, a first request of 100 events leaves the project 99 events in debt, so the next one is refused for
   * about 100 s: the outcome does not depend on how fast the test runs.
   */
  @Test
  void answers429WithRetryAfterOverTheProjectRateLimit() {
    TestProject project = projects.create(1);
    String path = "/api/v1/projects/" + project.projectId() + "/metrics";
    String counter = "{\"name\":\"m\",\"kind\":\"counter\",\"value\":1}";
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(batch(Collections.nCopies(100, counter).toArray(String[]::new)))
        .post(path)
        .then()
        .statusCode(200);
    Response refused =
        given()
            .header("Authorization", "Bearer " + project.publicKey())
            .contentType("application/json")
            .body(batch(counter))
            .post(path)
            .then()
            .statusCode(429)
            .body("code", equalTo("rate_limited"))
            .extract()
            .response();
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(
        retryAfter > 60 && retryAfter <= 100,
        "Retry-After " + retryAfter + " s for a debt of 99 events at 1/s");
    assertEquals(retryAfter + ":trace_metric:key", refused.header("X-Sentry-Rate-Limits"));
  }
}
