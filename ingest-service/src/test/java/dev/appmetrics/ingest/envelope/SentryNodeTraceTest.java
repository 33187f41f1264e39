package dev.appmetrics.ingest.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.ingest.support.NodeScripts;
import dev.appmetrics.ingest.support.QueryServiceForTests;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official @sentry/node 11.x SDK, unchanged, sends one trace (src/test/node/send-trace.js): a root span
 * {@code POST /checkout} with a child {@code db.query} span, a log and a handled TypeError in the child, and a metric
 * in each span. The real query-service's trace API then returns all of them linked to their spans. Both of the SDK's
 * ways of sending spans are covered: streamed span items (its default) and a transaction item ({@code static}).
 */
@QuarkusTest
@WithTestResource(QueryServiceForTests.class)
class SentryNodeTraceTest {

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  @Inject ObjectMapper json;

  @ParameterizedTest
  @ValueSource(strings = {"stream", "static"})
  void theTraceApiReturnsTheSpansLogErrorAndMetricsTheSdkSentInOneTrace(String traceLifecycle)
      throws Exception {
    TestProject project = projects.create();
    String token = projects.token(project.organizationId(), Scope.READ);
    String dsn =
        "http://"
            + project.publicKey()
            + "@127.0.0.1:"
            + RestAssured.port
            + "/"
            + project.projectId();
    JsonNode sent = json.readTree(NodeScripts.run("send-trace.js", dsn, traceLifecycle));
    String traceId = sent.get("traceId").asText();
    String rootSpanId = sent.get("rootSpanId").asText();
    String dbSpanId = sent.get("dbSpanId").asText();
    stored.await("spans", project.projectId(), 2);
    stored.await("logs", project.projectId(), 1);
    stored.await("errors", project.projectId(), 1);
    stored.await(project.projectId(), 2);

    JsonNode trace = trace(token, project.projectId(), traceId);

    List<JsonNode> spans = list(trace.get("spans"));
    assertEquals(2, spans.size(), trace.toPrettyString());
    JsonNode root = spans.get(0);
    assertEquals(rootSpanId, root.get("spanId").asText());
    assertEquals(0, root.get("depth").asInt());
    assertTrue(root.get("segment").asBoolean());
    assertEquals("http.server", root.get("op").asText());
    assertEquals("POST /checkout", root.get("transaction").asText());
    assertEquals("trace-e2e@2.0.0", root.get("release").asText());
    assertEquals("e2e", root.get("environment").asText());
    JsonNode db = spans.get(1);
    assertEquals(dbSpanId, db.get("spanId").asText());
    assertEquals(rootSpanId, db.get("parentSpanId").asText());
    assertEquals(1, db.get("depth").asInt());
    assertEquals("db.query", db.get("op").asText());
    assertEquals("SELECT * FROM carts WHERE id = ?", db.get("description").asText());
    assertEquals("POST /checkout", db.get("transaction").asText());
    assertTrue(
        db.get("durationMs").asDouble() <= root.get("durationMs").asDouble(),
        trace.toPrettyString());

    List<JsonNode> logs = list(trace.get("logs"));
    assertEquals(1, logs.size(), trace.toPrettyString());
    assertEquals("cart is locked", logs.get(0).get("body").asText());
    assertEquals("error", logs.get(0).get("level").asText());
    assertEquals(dbSpanId, logs.get(0).get("spanId").asText());
    assertEquals("c-42", logs.get(0).get("attributes").get("cart").asText());
    assertEquals(3, logs.get(0).get("attributes").get("attempt").asInt());

    List<JsonNode> errors = list(trace.get("errors"));
    assertEquals(1, errors.size(), trace.toPrettyString());
    JsonNode error = errors.get(0);
    assertEquals(sent.get("errorEventId").asText(), error.get("eventId").asText());
    assertEquals(dbSpanId, error.get("spanId").asText());
    assertEquals("TypeError", error.get("type").asText());
    assertEquals("cart c-42 is locked", error.get("value").asText());
    assertEquals("POST /checkout", error.get("transaction").asText());
    assertEquals("trace-e2e@2.0.0", error.get("release").asText());
    List<JsonNode> frames = list(error.get("frames"));
    JsonNode innermost = frames.get(frames.size() - 1);
    assertTrue(
        innermost.get("filename").asText().endsWith("send-trace.js"), error.toPrettyString());
    assertTrue(innermost.get("inApp").asBoolean());
    assertTrue(innermost.get("lineno").asLong() > 0);

    List<JsonNode> metrics = list(trace.get("metrics"));
    assertEquals(2, metrics.size(), trace.toPrettyString());
    assertEquals(rootSpanId, only(metrics, "checkout.attempts").get("spanId").asText());
    assertEquals(dbSpanId, only(metrics, "checkout.failed").get("spanId").asText());
    assertEquals(
        "cart_locked", only(metrics, "checkout.failed").get("attributes").get("reason").asText());
  }

  /** The trace, once query-service has learned the new token from the credentials topic. */
  private JsonNode trace(String token, long projectId, String traceId) throws Exception {
    // Read when used: only this class's Quarkus start has the property (the resource is restricted
    // to it).
    String queryService =
        ConfigProvider.getConfig().getValue(QueryServiceForTests.URL_PROPERTY, String.class);
    List<Response> last = new ArrayList<>(1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Response response =
                  RestAssured.given()
                      .baseUri(queryService)
                      .auth()
                      .oauth2(token)
                      .queryParam("project", projectId)
                      .get("/api/v1/traces/" + traceId);
              last.add(0, response);
              return response.statusCode() == 200;
            });
    return json.readTree(last.get(0).asString());
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static JsonNode only(List<JsonNode> metrics, String name) {
    List<JsonNode> named =
        metrics.stream().filter(metric -> name.equals(metric.get("metric").asText())).toList();
    assertEquals(1, named.size(), name + " in " + metrics);
    return named.get(0);
  }
}
