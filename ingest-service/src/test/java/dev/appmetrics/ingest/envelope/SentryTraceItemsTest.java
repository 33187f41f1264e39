package dev.appmetrics.ingest.envelope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The envelope items of trace connection in the forms other SDKs and older releases send (the real @sentry/node
 * streams spans, see SentryNodeTraceTest): a transaction with child spans, a v1 span item, a message event, and bad
 * items, each rejected alone with its kind, index and reason while its neighbours are stored.
 */
@QuarkusTest
class SentryTraceItemsTest {

  private static final String TRACE = "5b8efff798038103d269b633813fc60c";

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  @Test
  void storesATransactionAsSegmentAndChildSpansAV1SpanAndAMessageEvent() {
    TestProject project = projects.create();
    double start = now() - 2;
    String transaction =
        """
        {"type":"transaction","transaction":"GET /orders","release":"shop@1.2","environment":"prod",
         "start_timestamp":%s,"timestamp":%s,"tags":{"region":"eu"},
         "contexts":{"trace":{"trace_id":"%s","span_id":"aaaaaaaaaaaaaaaa","op":"http.server","status":"ok",
                              "data":{"http.status_code":200,"cache.hit":false}}},
         "spans":[{"span_id":"bbbbbbbbbbbbbbbb","parent_span_id":"aaaaaaaaaaaaaaaa","op":"db","description":"SELECT 1",
                   "start_timestamp":%s,"timestamp":%s,"status":"ok","data":{"db.rows":2.5,"db.params":{"id":7}}}]}"""
            .formatted(start, start + 0.5, TRACE, start + 0.1, start + 0.35)
            .replace("\n", "");
    String v1Span =
        """
        {"trace_id":"%s","span_id":"cccccccccccccccc","parent_span_id":"aaaaaaaaaaaaaaaa","op":"cache.get",
         "description":"orders:7","start_timestamp":%s,"timestamp":%s,"segment_id":"aaaaaaaaaaaaaaaa"}"""
            .formatted(TRACE, start + 0.2, start + 0.21)
            .replace("\n", "");
    String message =
        """
        {"event_id":"dddddddddddddddddddddddddddddddd","timestamp":"%s","level":"warning","message":"stock is low",
         "contexts":{"trace":{"trace_id":"%s","span_id":"bbbbbbbbbbbbbbbb"}}}"""
            .formatted(java.time.Instant.ofEpochMilli(Math.round((start + 0.3) * 1000)), TRACE)
            .replace("\n", "");
    String body =
        "{\"trace\":{\"release\":\"header@9\",\"environment\":\"header-env\",\"transaction\":\"GET /orders\"}}\n"
            + "{\"type\":\"transaction\"}\n"
            + transaction
            + "\n"
            + "{\"type\":\"span\"}\n"
            + v1Span
            + "\n"
            + "{\"type\":\"event\"}\n"
            + message
            + "\n";

    given()
        .body(body)
        .header("X-Sentry-Auth", "Sentry sentry_key=" + project.publicKey())
        .post("/api/" + project.projectId() + "/envelope/")
        .then()
        .statusCode(200)
        .body("traces.spans", equalTo(3))
        .body("traces.errors", equalTo(1))
        .body("traces.rejected.size()", equalTo(0));

    Map<String, JsonNode> spans =
        stored.await("spans", project.projectId(), 3).stream()
            .collect(Collectors.toMap(row -> row.get("span_id").asText(), Function.identity()));
    JsonNode segment = spans.get("aaaaaaaaaaaaaaaa");
    assertEquals(1, segment.get("is_segment").asInt());
    assertEquals("aaaaaaaaaaaaaaaa", segment.get("segment_id").asText());
    assertEquals("http.server", segment.get("op").asText());
    assertEquals("GET /orders", segment.get("description").asText());
    assertEquals(
        "shop@1.2",
        segment.get("release").asText(),
        "the event's own release wins over the header's");
    assertEquals(Math.round(start * 1000), segment.get("start_timestamp_ms").asLong());
    assertEquals(500.0, segment.get("duration_ms").asDouble(), 0.01);
    assertEquals(Map.of("region", "eu"), strings(segment));
    assertEquals(List.of("http.status_code"), texts(segment.get("attr_int_keys")));
    assertEquals(List.of("cache.hit"), texts(segment.get("attr_bool_keys")));

    JsonNode child = spans.get("bbbbbbbbbbbbbbbb");
    assertEquals(0, child.get("is_segment").asInt());
    assertEquals("aaaaaaaaaaaaaaaa", child.get("parent_span_id").asText());
    assertEquals("aaaaaaaaaaaaaaaa", child.get("segment_id").asText());
    assertEquals("GET /orders", child.get("transaction").asText());
    assertEquals("prod", child.get("environment").asText());
    assertEquals(250.0, child.get("duration_ms").asDouble(), 0.01);
    assertEquals(
        Map.of("db.params", "{\"id\":7}"), strings(child), "nested data is kept as JSON text");
    assertEquals(2.5, child.get("attr_double_values").get(0).asDouble());

    JsonNode v1 = spans.get("cccccccccccccccc");
    assertEquals("cache.get", v1.get("op").asText());
    assertEquals("aaaaaaaaaaaaaaaa", v1.get("segment_id").asText());
    assertEquals(
        "header@9",
        v1.get("release").asText(),
        "a span without a release takes the envelope header's");

    JsonNode error = stored.await("errors", project.projectId(), 1).get(0);
    assertEquals("dddddddddddddddddddddddddddddddd", error.get("event_id").asText());
    assertEquals("bbbbbbbbbbbbbbbb", error.get("span_id").asText());
    assertEquals("", error.get("exception_type").asText());
    assertEquals("stock is low", error.get("exception_value").asText());
    assertEquals("warning", error.get("level").asText());
    assertEquals(
        "GET /orders",
        error.get("transaction").asText(),
        "from the header when the event has none");
    assertEquals(
        Math.round((start + 0.3) * 1000),
        error.get("timestamp_ms").asLong(),
        "RFC 3339 timestamps are read");
  }

  @Test
  void rejectsEachBadSpanLogAndErrorWithItsIndexAndKeepsTheOthers() {
    TestProject project = projects.create();
    double t = now();
    String spans =
        "{\"version\":2,\"items\":["
            + "{\"trace_id\":\""
            + TRACE
            + "\",\"span_id\":\"1111111111111111\",\"name\":\"ok\",\"start_timestamp\":"
            + t
            + ",\"end_timestamp\":"
            + (t + 1)
            + "},"
            + "{\"trace_id\":\"not-a-trace\",\"span_id\":\"2222222222222222\",\"start_timestamp\":"
            + t
            + ",\"end_timestamp\":"
            + t
            + "},"
            + "{\"trace_id\":\""
            + TRACE
            + "\",\"span_id\":\"3333333333333333\",\"start_timestamp\":"
            + t
            + ",\"end_timestamp\":"
            + (t - 1)
            + "},"
            + "{\"trace_id\":\""
            + TRACE
            + "\",\"span_id\":\"4444444444444444\",\"start_timestamp\":"
            + t
            + "},"
            + "{\"trace_id\":\""
            + TRACE
            + "\",\"span_id\":\"5555555555555555\",\"start_timestamp\":"
            + t
            + ",\"end_timestamp\":"
            + t
            + ",\"attributes\":{\"n\":{\"value\":\"x\",\"type\":\"integer\"}}},"
            + "7]}";
    String logs =
        "{\"items\":[{\"trace_id\":\""
            + TRACE
            + "\",\"timestamp\":"
            + t
            + ",\"level\":\"info\",\"body\":\"kept\"},"
            + "{\"timestamp\":"
            + t
            + ",\"body\":\"no trace\"}]}";
    String body =
        "{}\n{\"type\":\"span\",\"content_type\":\"application/vnd.sentry.items.span.v2+json\"}\n"
            + spans
            + "\n"
            + "{\"type\":\"log\"}\n"
            + logs
            + "\n"
            + "{\"type\":\"event\"}\n{\"contexts\":{\"trace\":{\"trace_id\":\""
            + TRACE
            + "\"}},\"message\":\"no id\"}\n"
            + "{\"type\":\"log\"}\n{not json\n";

    JsonNode answer =
        given()
            .body(body)
            .header("X-Sentry-Auth", "Sentry sentry_key=" + project.publicKey())
            .post("/api/" + project.projectId() + "/envelope/")
            .then()
            .statusCode(200)
            .extract()
            .as(JsonNode.class);

    JsonNode traces = answer.get("traces");
    assertEquals(1, traces.get("spans").asInt());
    assertEquals(1, traces.get("logs").asInt());
    assertEquals(0, traces.get("errors").asInt());
    List<String> rejected =
        StreamSupport.stream(traces.get("rejected").spliterator(), false)
            .map(
                r ->
                    r.get("item").asText()
                        + " "
                        + r.get("index").asInt()
                        + ": "
                        + r.get("reason").asText())
            .toList();
    assertEquals(
        List.of(
            "span 1: trace_id must be 32 hexadecimal characters, not all zero",
            "span 2: the span ends before it starts",
            "span 3: the span's start and end timestamps are required",
            "span 4: attribute 'n' is declared integer but is not a signed 64-bit integer",
            "span 5: the span is not a JSON object",
            "log 1: trace_id must be 32 hexadecimal characters, not all zero",
            "error 0: event_id must be 32 hexadecimal characters",
            "log 2: envelope item 3 is not a JSON object"),
        rejected,
        "in the envelope's order");
    assertEquals(
        "1111111111111111",
        stored.await("spans", project.projectId(), 1).get(0).get("span_id").asText());
    assertEquals("kept", stored.await("logs", project.projectId(), 1).get(0).get("body").asText());
  }

  /** Issue 14: times and line numbers beyond any calendar or column failed the whole envelope with a 500. */
  @Test
  void refusesTimesAndLineNumbersOutOfRangeOneItemAtATimeAndKeepsTheOthers() {
    TestProject project = projects.create();
    double t = now();
    String transaction =
        ("{\"transaction\":\"GET /\",\"start_timestamp\":%s,\"timestamp\":1e300,"
                + "\"contexts\":{\"trace\":{\"trace_id\":\"%s\",\"span_id\":\"aaaaaaaaaaaaaaaa\"}},"
                + "\"spans\":[{\"span_id\":\"bbbbbbbbbbbbbbbb\",\"start_timestamp\":%s,\"timestamp\":%s}]}")
            .formatted(t, TRACE, t, t + 0.1);
    String spans =
        ("{\"items\":[{\"trace_id\":\"%s\",\"span_id\":\"cccccccccccccccc\",\"start_timestamp\":%s,"
                + "\"end_timestamp\":\"+999999999-12-31T23:59:59Z\"},"
                + "{\"trace_id\":\"%s\",\"span_id\":\"dddddddddddddddd\",\"start_timestamp\":-1e300,\"end_timestamp\":%s}]}")
            .formatted(TRACE, t, TRACE, t);
    String logs =
        ("{\"items\":[{\"trace_id\":\"%s\",\"timestamp\":1e300,\"body\":\"far\"},"
                + "{\"trace_id\":\"%s\",\"timestamp\":%s,\"body\":\"kept\"}]}")
            .formatted(TRACE, TRACE, t);
    String error =
        ("{\"event_id\":\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"timestamp\":%s,\"contexts\":{\"trace\":"
                + "{\"trace_id\":\"%s\"}},\"exception\":{\"values\":[{\"type\":\"E\",\"stacktrace\":{\"frames\":"
                + "[{\"filename\":\"a.js\",\"lineno\":100000000000000000000}]}}]}}")
            .formatted(t, TRACE);
    String body =
        "{}\n{\"type\":\"transaction\"}\n"
            + transaction
            + "\n{\"type\":\"span\"}\n"
            + spans
            + "\n{\"type\":\"log\"}\n"
            + logs
            + "\n{\"type\":\"event\"}\n"
            + error
            + "\n";

    JsonNode traces =
        given()
            .body(body)
            .header("X-Sentry-Auth", "Sentry sentry_key=" + project.publicKey())
            .post("/api/" + project.projectId() + "/envelope/")
            .then()
            .statusCode(200)
            .extract()
            .as(JsonNode.class)
            .get("traces");

    List<String> rejected =
        StreamSupport.stream(traces.get("rejected").spliterator(), false)
            .map(
                r ->
                    r.get("item").asText()
                        + " "
                        + r.get("index").asInt()
                        + ": "
                        + r.get("reason").asText())
            .toList();
    assertEquals(
        List.of(
            "span 0: end timestamp is more than 60 minutes in the future",
            "span 2: end timestamp is more than 60 minutes in the future",
            "span 3: timestamp is older than the retention of 30 days",
            "log 0: timestamp is more than 60 minutes in the future",
            "error 0: a frame's lineno is larger than 4294967295"),
        rejected);
    assertEquals(
        "bbbbbbbbbbbbbbbb",
        stored.await("spans", project.projectId(), 1).get(0).get("span_id").asText());
    assertEquals("kept", stored.await("logs", project.projectId(), 1).get(0).get("body").asText());
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static Map<String, String> strings(JsonNode row) {
    return SentryNodeSdkTest.strings(row);
  }
}
