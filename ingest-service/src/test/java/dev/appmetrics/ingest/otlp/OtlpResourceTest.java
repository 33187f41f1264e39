package dev.appmetrics.ingest.otlp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP/JSON at the collector's path: hex ids, exponential histograms, up-down sums, summaries and bad bodies. */
@QuarkusTest
class OtlpResourceTest {

  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN = "eee19b7ec3c1b174";

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  private static String request(long nowNanos) {
    return """
        {"resourceMetrics": [{
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "billing"}}]},
          "scopeMetrics": [{"metrics": [
            {"name": "queue.size", "unit": "{job}", "sum": {"aggregationTemporality": 2, "isMonotonic": false,
              "dataPoints": [{"asInt": "17", "timeUnixNano": "%1$d", "startTimeUnixNano": "1"}]}},
            {"name": "payload.size", "unit": "By", "exponentialHistogram": {"aggregationTemporality": 1, "dataPoints": [{
              "timeUnixNano": "%1$d", "count": "4", "zeroCount": "1", "scale": 0,
              "positive": {"offset": 1, "bucketCounts": ["2", "1"]},
              "attributes": [{"key": "tenant", "value": {"intValue": "7"}}],
              "exemplars": [{"asDouble": 5, "timeUnixNano": "%1$d", "traceId": "%2$s", "spanId": "%3$s"}]}]}},
            {"name": "rpc.duration", "summary": {"dataPoints": [{"timeUnixNano": "%1$d", "count": "1", "sum": 2}]}}
          ]}]
        }]}"""
        .formatted(nowNanos, TRACE, SPAN);
  }

  @Test
  void convertsOtlpJsonWithHexIdsExponentialHistogramsAndUpDownSums() {
    TestProject project = projects.create();
    long nowNanos = System.currentTimeMillis() * 1_000_000L;
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(request(nowNanos))
        .post("/v1/metrics")
        .then()
        .statusCode(200)
        .body("partialSuccess.rejectedDataPoints", equalTo("1"))
        .body("partialSuccess.errorMessage", containsString("summary"));

    List<JsonNode> rows = stored.await(project.projectId(), 4);
    assertEquals(4, rows.size());
    JsonNode queue =
        rows.stream()
            .filter(r -> r.get("metric_name").asText().equals("queue.size"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "gauge", queue.get("metric_kind").asText(), "a cumulative non-monotonic sum is a level");
    assertEquals(17.0, queue.get("value").asDouble());
    assertEquals("{job}", queue.get("unit").asText());

    // Scale 0: base 2; positive offset 1 covers (2, 4] (2 values) and (4, 8] (1 value, the exemplar
    // 5); zero bucket 1.
    List<String> payload =
        rows.stream()
            .filter(r -> r.get("metric_name").asText().equals("payload.size"))
            .map(
                r ->
                    r.get("value").asDouble()
                        + " weight "
                        + Math.round(1 / r.get("client_sample_rate").asDouble())
                        + " trace "
                        + r.get("trace_id").asText()
                        + " span "
                        + r.get("span_id").asText())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "0.0 weight 1 trace  span ",
            "3.0 weight 2 trace  span ",
            "5.0 weight 1 trace " + TRACE + " span " + SPAN),
        payload);
  }

  @Test
  void refusesOtherContentTypesAndMalformedBodies() {
    TestProject project = projects.create();
    String path = "/api/" + project.projectId() + "/integration/otlp/v1/metrics";
    given()
        .header("x-sentry-auth", "sentry sentry_key=" + project.publicKey())
        .contentType("text/plain")
        .body("x")
        .post(path)
        .then()
        .statusCode(415);
    given()
        .header("x-sentry-auth", "sentry sentry_key=" + project.publicKey())
        .contentType("application/x-protobuf")
        .body(new byte[] {(byte) 0xff, 0x01, 0x02})
        .post(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_protobuf"));
    given()
        .header("x-sentry-auth", "sentry sentry_key=" + project.publicKey())
        .contentType("application/json")
        .body("{\"resourceMetrics\": 5}")
        .post(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"));
    given().contentType("application/json").body("{}").post(path).then().statusCode(401);
    given().contentType("application/json").body("{}").post("/v1/metrics").then().statusCode(401);
  }

  /**
   * Issue 14: OTLP's times and counts are unsigned 64-bit; past 2^63 they read negative here, and a histogram with more
   * counts than bounds allow failed the whole request with a 500. Each such point, span or log is refused alone.
   */
  @Test
  void refusesOverflowingTimesCountsAndLayoutsOnePointSpanOrLogAtATime() {
    TestProject project = projects.create();
    long now = System.currentTimeMillis() * 1_000_000L;
    String max = "18446744073709551615";
    String metrics =
        """
        {"resourceMetrics": [{"scopeMetrics": [{"metrics": [
          {"name": "kept", "gauge": {"dataPoints": [{"asInt": "1", "timeUnixNano": "%1$d"}, {"asInt": "2", "timeUnixNano": "%2$s"}]}},
          {"name": "layout", "histogram": {"aggregationTemporality": 1, "dataPoints": [
            {"timeUnixNano": "%1$d", "count": "3", "bucketCounts": ["1", "1", "1"], "explicitBounds": []},
            {"timeUnixNano": "%1$d", "count": "1", "bucketCounts": ["%2$s"], "explicitBounds": []}]}},
          {"name": "scale", "exponentialHistogram": {"aggregationTemporality": 1, "dataPoints": [
            {"timeUnixNano": "%1$d", "count": "1", "scale": -11, "zeroCount": "1"}]}}
        ]}]}]}"""
            .formatted(now, max);
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(metrics)
        .post("/v1/metrics")
        .then()
        .statusCode(200)
        .body("partialSuccess.rejectedDataPoints", equalTo("4"))
        .body(
            "partialSuccess.errorMessage",
            equalTo(
                "timestamp is more than 60 minutes in the future; "
                    + "histogram 'layout' has 3 bucket counts for 0 explicit bounds, at most one more count than bounds; "
                    + "histogram 'layout' has a count above 9223372036854775807; "
                    + "exponential histogram 'scale' has scale -11, OTLP allows -10 to 20"));
    assertEquals(1.0, stored.await(project.projectId(), 1).get(0).get("value").asDouble());

    String spans =
        """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "%1$s", "spanId": "%2$s", "name": "kept", "startTimeUnixNano": "%3$d", "endTimeUnixNano": "%3$d"},
          {"traceId": "%1$s", "spanId": "%2$s", "name": "endless", "startTimeUnixNano": "%3$d", "endTimeUnixNano": "%4$s"},
          {"traceId": "%1$s", "spanId": "%2$s", "name": "late", "startTimeUnixNano": "%4$s", "endTimeUnixNano": "%4$s"}]}]}]}"""
            .formatted(TRACE, SPAN, now, max);
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(spans)
        .post("/v1/traces")
        .then()
        .statusCode(200)
        .body("partialSuccess.rejectedSpans", equalTo("2"))
        .body(
            "partialSuccess.errorMessage",
            equalTo(
                "span 1: end timestamp is more than 60 minutes in the future; "
                    + "span 2: timestamp is more than 60 minutes in the future"));
    String logs =
        """
        {"resourceLogs": [{"scopeLogs": [{"logRecords": [
          {"timeUnixNano": "%3$d", "body": {"stringValue": "kept"}, "traceId": "%1$s"},
          {"timeUnixNano": "%2$s", "body": {"stringValue": "late"}, "traceId": "%1$s"}]}]}]}"""
            .formatted(TRACE, max, now);
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(logs)
        .post("/v1/logs")
        .then()
        .statusCode(200)
        .body("partialSuccess.rejectedLogRecords", equalTo("1"))
        .body(
            "partialSuccess.errorMessage",
            equalTo("log 1: timestamp is more than 60 minutes in the future"));
    assertEquals(
        "kept", stored.await("spans", project.projectId(), 1).get(0).get("description").asText());
    assertEquals("kept", stored.await("logs", project.projectId(), 1).get(0).get("body").asText());
  }

  /** Issue 14: a value of the wrong JSON type answers 400 naming the field by its path, not only protobuf's words. */
  @Test
  void namesThePathOfAWrongJsonTypeOrANonHexId() {
    TestProject project = projects.create();
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(
            "{\"resourceMetrics\": [{\"scopeMetrics\": [{\"metrics\": [{\"name\": \"m\", \"gauge\": "
                + "{\"dataPoints\": [{\"asInt\": \"1\"}, {\"asInt\": \"many\"}]}}]}]}]}")
        .post("/v1/metrics")
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"))
        .body(
            "details[0].field",
            equalTo("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[1].asInt"))
        .body("details[0].reason", equalTo("must be a 64-bit integer"));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"xyz\"}]}]}]}")
        .post("/v1/traces")
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"))
        .body("details[0].field", equalTo("resourceSpans[0].scopeSpans[0].spans[0].traceId"))
        .body("details[0].reason", equalTo("must be hexadecimal"));
    String message =
        given()
            .header("Authorization", "Bearer " + project.publicKey())
            .contentType("application/json")
            .body("{\"resourceLogs\": [")
            .post("/v1/logs")
            .then()
            .statusCode(400)
            .body("code", equalTo("malformed_json"))
            .extract()
            .path("message");
    assertTrue(
        !message.contains("`") && !message.contains("Source") && !message.contains("com."),
        message);
  }

  @Test
  void refusesUnknownSignalsAndMalformedTraceAndLogBodies() {
    TestProject project = projects.create();
    String auth = "Bearer " + project.publicKey();
    given()
        .header("Authorization", auth)
        .contentType("application/json")
        .body("{}")
        .post("/v1/profiles")
        .then()
        .statusCode(404)
        .body("message", containsString("metrics, traces and logs"));
    given()
        .header("Authorization", auth)
        .contentType("application/x-protobuf")
        .body(new byte[] {(byte) 0xff, 0x01})
        .post("/v1/traces")
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_protobuf"))
        .body("message", containsString("ExportTraceServiceRequest"));
    given()
        .header("Authorization", auth)
        .contentType("application/json")
        .body("{\"resourceLogs\": 5}")
        .post("/api/" + project.projectId() + "/integration/otlp/v1/logs")
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"))
        .body("message", containsString("ExportLogsServiceRequest"));
    given().contentType("application/json").body("{}").post("/v1/traces").then().statusCode(401);
  }

  @Test
  void reportsSpansAndLogsWithoutATraceAsRejectedAndStoresTheRest() {
    TestProject project = projects.create();
    long now = System.currentTimeMillis() * 1_000_000L;
    String spans =
        """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "%1$s", "spanId": "%2$s", "name": "kept", "kind": 2, "startTimeUnixNano": "%3$d", "endTimeUnixNano": "%3$d"},
          {"spanId": "%2$s", "name": "no trace", "startTimeUnixNano": "%3$d", "endTimeUnixNano": "%3$d"}]}]}]}"""
            .formatted(TRACE, SPAN, now);
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(spans)
        .post("/v1/traces")
        .then()
        .statusCode(200)
        .body("partialSuccess.rejectedSpans", equalTo("1"))
        .body(
            "partialSuccess.errorMessage",
            equalTo("span 1: trace_id must be 32 hexadecimal characters, not all zero"));
    String logs =
        """
        {"resourceLogs": [{"scopeLogs": [{"logRecords": [
          {"timeUnixNano": "%3$d", "severityNumber": 17, "body": {"kvlistValue": {"values": [{"key": "k", "value": {"intValue": "1"}}]}},
           "traceId": "%1$s", "spanId": "%2$s"},
          {"timeUnixNano": "%3$d", "body": {"stringValue": "outside any trace"}}]}]}]}"""
            .formatted(TRACE, SPAN, now);
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body(logs)
        .post("/v1/logs")
        .then()
        .statusCode(200)
        .body("partialSuccess.rejectedLogRecords", equalTo("1"));

    assertEquals(
        "kept", stored.await("spans", project.projectId(), 1).get(0).get("description").asText());
    JsonNode log = stored.await("logs", project.projectId(), 1).get(0);
    assertEquals("error", log.get("level").asText(), "severity 17 is ERROR");
    assertEquals("{\"k\":1}", log.get("body").asText(), "a structured body is kept as JSON text");
    assertEquals(SPAN, log.get("span_id").asText());
  }
}
