package dev.appmetrics.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java SDK with its OTLP/HTTP protobuf exporter, pointed at Sentry's OTLP path of this test's
 * port: cumulative counters arrive as deltas, gauges as gauges, histogram buckets as weighted distribution events and
 * exemplars as exact events carrying the span's trace and span ids.
 */
@QuarkusTest
class OpenTelemetrySdkTest {

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  @Test
  void convertsCountersGaugesAndHistogramsWithExemplarsFromTheRealExporter() {
    TestProject project = projects.create();
    OtlpHttpMetricExporter exporter =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(
                "http://127.0.0.1:"
                    + RestAssured.port
                    + "/api/"
                    + project.projectId()
                    + "/integration/otlp/v1/metrics")
            .addHeader("x-sentry-auth", "sentry sentry_key=" + project.publicKey())
            .build();
    PeriodicMetricReader reader =
        PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build();
    SdkMeterProvider meters =
        SdkMeterProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")))
            .registerMetricReader(reader)
            .build();
    SdkTracerProvider tracers = SdkTracerProvider.builder().build();
    Meter meter = meters.get("e2e");
    LongCounter orders = meter.counterBuilder("orders.placed").setUnit("{order}").build();
    DoubleGauge temperature = meter.gaugeBuilder("room.temperature").setUnit("Cel").build();
    DoubleHistogram latency = meter.histogramBuilder("http.latency").setUnit("ms").build();
    Attributes route = Attributes.of(AttributeKey.stringKey("route"), "/pay");

    Span span = tracers.get("e2e").spanBuilder("checkout").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      orders.add(5, route);
      temperature.set(21.5, route);
      for (double value : new double[] {3, 4, 7, 120}) {
        latency.record(value, route);
      }
    } finally {
      span.end();
    }
    assertTrue(
        meters.forceFlush().join(30, TimeUnit.SECONDS).isSuccess(), "first export acknowledged");
    orders.add(2, route);
    // The reader marks itself free only after the first flush's result completed, so a flush right
    // after it can find
    // it "busy" and fail without collecting anything; trying again until one succeeds exports
    // exactly once.
    Awaitility.await("second export acknowledged")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> meters.forceFlush().join(30, TimeUnit.SECONDS).isSuccess());
    meters.close();
    tracers.close();

    // First export: counter 5, gauge, 4 histogram events (3 exemplars + 1 bucket rest); second:
    // counter delta 2 and
    // the gauge again; the unchanged cumulative histogram adds nothing. Closing exports once more
    // (the gauge only).
    List<JsonNode> rows = stored.await(project.projectId(), 8);
    String traceId = span.getSpanContext().getTraceId();
    String spanId = span.getSpanContext().getSpanId();

    List<JsonNode> counters = named(rows, "orders.placed");
    assertEquals(
        List.of(2.0, 5.0),
        counters.stream().map(r -> r.get("value").asDouble()).sorted().toList(),
        "cumulative 5 then 7 become deltas 5 and 2");
    counters.forEach(r -> assertEquals("counter", r.get("metric_kind").asText()));
    assertEquals("{order}", counters.get(0).get("unit").asText());
    assertEquals("/pay", SentryStrings.of(counters.get(0)).get("route"));
    assertEquals("checkout", SentryStrings.of(counters.get(0)).get("service.name"));

    List<JsonNode> gauges = named(rows, "room.temperature");
    assertTrue(
        gauges.stream()
            .allMatch(
                r ->
                    r.get("metric_kind").asText().equals("gauge")
                        && r.get("value").asDouble() == 21.5));

    List<JsonNode> firstHistogram = named(rows, "http.latency");
    double weightedCount =
        firstHistogram.stream().mapToDouble(r -> 1 / r.get("client_sample_rate").asDouble()).sum();
    assertEquals(
        4.0,
        weightedCount,
        1e-9,
        "bucket counts are kept exactly, and repeated cumulative exports add nothing");
    List<JsonNode> exemplars =
        firstHistogram.stream().filter(r -> !r.get("trace_id").asText().isEmpty()).toList();
    assertEquals(
        3,
        exemplars.size(),
        "one exemplar per non-empty bucket, as the SDK's reservoir keeps them");
    exemplars.forEach(
        r -> {
          assertEquals(traceId, r.get("trace_id").asText());
          assertEquals(spanId, r.get("span_id").asText());
          assertEquals("distribution", r.get("metric_kind").asText());
        });
    Set<Double> exemplarValues =
        exemplars.stream().map(r -> r.get("value").asDouble()).collect(Collectors.toSet());
    assertTrue(
        exemplarValues.containsAll(Set.of(7.0, 120.0))
            && (exemplarValues.contains(3.0) || exemplarValues.contains(4.0)),
        "exemplars carry recorded values: " + exemplarValues);
    List<JsonNode> rest =
        firstHistogram.stream().filter(r -> r.get("trace_id").asText().isEmpty()).toList();
    assertEquals(1, rest.size());
    double midpoint = (0 + 5) / 2.0;
    double observedMin = 3;
    assertEquals(
        Math.max(midpoint, observedMin),
        rest.get(0).get("value").asDouble(),
        "the other value of bucket (0, 5] is stored at its midpoint, raised to the observed minimum");
  }

  private static List<JsonNode> named(List<JsonNode> rows, String name) {
    return rows.stream().filter(r -> r.get("metric_name").asText().equals(name)).toList();
  }

  /** String attributes of a row as a map. */
  static final class SentryStrings {
    static java.util.Map<String, String> of(JsonNode row) {
      java.util.Map<String, String> strings = new java.util.HashMap<>();
      for (int i = 0; i < row.get("attr_string_keys").size(); i++) {
        strings.put(
            row.get("attr_string_keys").get(i).asText(),
            row.get("attr_string_values").get(i).asText());
      }
      return strings;
    }
  }
}
