package dev.appmetrics.query.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.HttpServer;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * With APPMETRICS_OTLP_ENDPOINT set (here its system property), the service exports a span for each request it
 * serves to that OTLP/HTTP receiver: a small one started by this test, which decodes what arrives at /v1/traces.
 */
@QuarkusTest
@TestProfile(OwnTracesTest.Exporting.class)
class OwnTracesTest {

  /** The spans every export delivered, in arrival order. */
  static final BlockingQueue<Span> RECEIVED = new LinkedBlockingQueue<>();

  @Inject Tenants tenants;

  @Test
  void exportsASpanOfARequestItServed() throws Exception {
    Tenant tenant = tenants.create();
    given()
        .header("Authorization", tenant.bearer())
        .get("/api/v1/catalog/aggregates")
        .then()
        .statusCode(200);

    Span span = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (span == null && System.nanoTime() < deadline) {
      Span next = RECEIVED.poll(500, TimeUnit.MILLISECONDS);
      if (next != null && "/api/v1/catalog/aggregates".equals(attribute(next, "http.route"))) {
        span = next;
      }
    }
    assertNotNull(
        span, "no span of GET /api/v1/catalog/aggregates reached the receiver within 30 s");
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.getKind());
    assertEquals("GET", attribute(span, "http.request.method"));
    assertEquals("200", attribute(span, "http.response.status_code"));
  }

  private static String attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .findFirst()
        .map(KeyValue::getValue)
        .map(v -> v.hasIntValue() ? Long.toString(v.getIntValue()) : v.getStringValue())
        .orElse(null);
  }

  public static class Exporting implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Receiver.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      // Export at once rather than every 5 s, so the test waits for the span, not for the batch.
      return Map.of("quarkus.otel.bsp.schedule.delay", "100ms");
    }
  }

  /** An OTLP/HTTP receiver on a free port; the service is pointed at it the way an operator would. */
  public static class Receiver implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      server.createContext(
          "/v1/traces",
          exchange -> {
            try (InputStream body =
                "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
              ExportTraceServiceRequest.parseFrom(body)
                  .getResourceSpansList()
                  .forEach(
                      resource ->
                          resource
                              .getScopeSpansList()
                              .forEach(scope -> RECEIVED.addAll(scope.getSpansList())));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
          });
      server.start();
      System.setProperty(
          "appmetrics.otlp.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
      return Map.of();
    }

    @Override
    public void stop() {
      System.clearProperty("appmetrics.otlp.endpoint");
      if (server != null) {
        server.stop(0);
      }
    }
  }
}
