package dev.appmetrics.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java SDK with its OTLP/HTTP protobuf exporters for spans and logs, pointed at the
 * collector's paths ({@code /v1/traces}, {@code /v1/logs}) with the DSN key as bearer token: a SERVER span with a
 * failing database child and a log inside the child arrive as one segment span, its child and a log linked to it.
 */
@QuarkusTest
class OpenTelemetryTracesAndLogsTest {

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  @Test
  void storesSpansAsSegmentAndChildAndTheLogOnItsSpan() {
    TestProject project = projects.create();
    String base = "http://127.0.0.1:" + RestAssured.port;
    Resource resource =
        Resource.create(
            Attributes.of(
                AttributeKey.stringKey("service.name"),
                "checkout",
                AttributeKey.stringKey("service.version"),
                "otel@3.1.0",
                AttributeKey.stringKey("deployment.environment.name"),
                "staging"));
    SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .setResource(resource)
            // Batched, as services export: the child finds its segment among the spans of the same
            // request.
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder()
                            .setEndpoint(base + "/v1/traces")
                            .addHeader("Authorization", "Bearer " + project.publicKey())
                            .build())
                    .build())
            .build();
    SdkLoggerProvider loggers =
        SdkLoggerProvider.builder()
            .setResource(resource)
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(
                    OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(base + "/v1/logs")
                        .addHeader("Authorization", "Bearer " + project.publicKey())
                        .build()))
            .build();
    Tracer tracer = tracers.get("e2e");

    Span server =
        tracer
            .spanBuilder("GET /cart")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .startSpan();
    Span db;
    try (Scope ignored = server.makeCurrent()) {
      db =
          tracer
              .spanBuilder("SELECT cart")
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute("db.system", "postgresql")
              .setAttribute("db.rows", 3L)
              .startSpan();
      try (Scope inDb = db.makeCurrent()) {
        loggers
            .get("e2e")
            .logRecordBuilder()
            .setSeverity(Severity.WARN)
            .setBody("slow cart query")
            .setAttribute(AttributeKey.longKey("cart.items"), 7L)
            .emit();
      }
      db.setStatus(StatusCode.ERROR, "timeout");
      db.end();
    } finally {
      server.end();
    }
    assertTrue(tracers.forceFlush().join(30, TimeUnit.SECONDS).isSuccess(), "spans acknowledged");
    assertTrue(loggers.forceFlush().join(30, TimeUnit.SECONDS).isSuccess(), "log acknowledged");
    tracers.close();
    loggers.close();

    Map<String, JsonNode> spans =
        stored.await("spans", project.projectId(), 2).stream()
            .collect(Collectors.toMap(row -> row.get("span_id").asText(), Function.identity()));
    String traceId = server.getSpanContext().getTraceId();
    JsonNode segment = spans.get(server.getSpanContext().getSpanId());
    assertEquals(traceId, segment.get("trace_id").asText());
    assertEquals(1, segment.get("is_segment").asInt());
    assertEquals("", segment.get("parent_span_id").asText());
    assertEquals("http.server", segment.get("op").asText());
    assertEquals("GET /cart", segment.get("transaction").asText());
    assertEquals("ok", segment.get("status").asText());
    assertEquals("otel@3.1.0", segment.get("release").asText());
    assertEquals("staging", segment.get("environment").asText());

    JsonNode child = spans.get(db.getSpanContext().getSpanId());
    assertEquals(traceId, child.get("trace_id").asText());
    assertEquals(0, child.get("is_segment").asInt());
    assertEquals(server.getSpanContext().getSpanId(), child.get("parent_span_id").asText());
    assertEquals(server.getSpanContext().getSpanId(), child.get("segment_id").asText());
    assertEquals("db", child.get("op").asText());
    assertEquals("SELECT cart", child.get("description").asText());
    assertEquals("error", child.get("status").asText());
    assertEquals("GET /cart", child.get("transaction").asText());
    assertEquals(List.of("db.rows"), texts(child.get("attr_int_keys")));
    assertTrue(
        texts(child.get("attr_string_keys")).containsAll(List.of("db.system", "service.name")));
    assertTrue(child.get("end_timestamp_ms").asLong() >= child.get("start_timestamp_ms").asLong());
    assertTrue(segment.get("duration_ms").asDouble() >= child.get("duration_ms").asDouble());

    JsonNode log = stored.await("logs", project.projectId(), 1).get(0);
    assertEquals(traceId, log.get("trace_id").asText());
    assertEquals(db.getSpanContext().getSpanId(), log.get("span_id").asText());
    assertEquals("warn", log.get("level").asText());
    assertEquals("slow cart query", log.get("body").asText());
    assertEquals("otel@3.1.0", log.get("release").asText());
    assertEquals(List.of("cart.items"), texts(log.get("attr_int_keys")));
    assertEquals(7, log.get("attr_int_values").get(0).asInt());
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
