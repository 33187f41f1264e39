package dev.appmetrics.ingest.otlp;

import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.trace.LogRow;
import dev.appmetrics.ingest.trace.SpanRow;
import dev.appmetrics.ingest.trace.TraceItem;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OTLP traces and logs to rows of the trace tables, the way Sentry reads OpenTelemetry:
 * <ul>
 *   <li>a span without a parent, or a SERVER or CONSUMER span (where a request enters the service), is a segment;
 *   other spans belong to their nearest segment ancestor sent in the same request (segment id and transaction stay
 *   empty when it was sent in another);</li>
 *   <li>op is the {@code sentry.op} attribute, else {@code db} for database calls, {@code http.server} or
 *   {@code http.client} for HTTP, else the span kind; status is {@code error} for STATUS_CODE_ERROR, else {@code ok};</li>
 *   <li>release and environment come from the resource's {@code service.version} and
 *   {@code deployment.environment.name} (or {@code deployment.environment});</li>
 *   <li>a log's level is its severity text, else the level of its severity number; its body is the string value (other
 *   values as JSON text).</li>
 * </ul>
 * Resource attributes and the span's or log's own (which win) become attributes.
 */
final class OtlpTraceConverter {

  private OtlpTraceConverter() {}

  static List<TraceItem> spans(
      IngestCaller caller, long receivedAtMs, ExportTraceServiceRequest request) {
    List<TraceItem> items = new ArrayList<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      Map<String, AnyValue> resourceAttributes =
          OtlpAttributes.map(resource.getResource().getAttributesList());
      String release = release(resourceAttributes);
      String environment = environment(resourceAttributes);
      Map<String, Span> byId = new HashMap<>();
      resource
          .getScopeSpansList()
          .forEach(
              scope ->
                  scope
                      .getSpansList()
                      .forEach(span -> byId.put(OtlpAttributes.hex(span.getSpanId()), span)));
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          Span segment = segmentOf(span, byId);
          Map<String, AnyValue> attributes =
              OtlpAttributes.merged(resourceAttributes, span.getAttributesList());
          items.add(
              TraceItem.of(
                  new SpanRow(
                      caller.organizationId(),
                      caller.projectId(),
                      OtlpAttributes.hex(span.getTraceId()),
                      OtlpAttributes.hex(span.getSpanId()),
                      OtlpAttributes.hex(span.getParentSpanId()),
                      segment == null ? "" : OtlpAttributes.hex(segment.getSpanId()),
                      segment == span,
                      op(span, attributes),
                      span.getName(),
                      span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR
                          ? "error"
                          : "ok",
                      segment == null ? "" : segment.getName(),
                      release,
                      environment,
                      OtlpAttributes.millis(span.getStartTimeUnixNano()),
                      OtlpAttributes.millis(span.getEndTimeUnixNano()),
                      (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6,
                      OtlpAttributes.attributes(attributes),
                      receivedAtMs)));
        }
      }
    }
    return items;
  }

  static List<TraceItem> logs(
      IngestCaller caller, long receivedAtMs, ExportLogsServiceRequest request) {
    List<TraceItem> items = new ArrayList<>();
    for (ResourceLogs resource : request.getResourceLogsList()) {
      Map<String, AnyValue> resourceAttributes =
          OtlpAttributes.map(resource.getResource().getAttributesList());
      String release = release(resourceAttributes);
      String environment = environment(resourceAttributes);
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        for (LogRecord log : scope.getLogRecordsList()) {
          long nanos =
              log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
          AnyValue body = log.getBody();
          items.add(
              TraceItem.of(
                  new LogRow(
                      caller.organizationId(),
                      caller.projectId(),
                      OtlpAttributes.hex(log.getTraceId()),
                      OtlpAttributes.hex(log.getSpanId()),
                      nanos == 0 ? receivedAtMs : OtlpAttributes.millis(nanos),
                      level(log),
                      body.hasStringValue() ? body.getStringValue() : OtlpAttributes.text(body),
                      release,
                      environment,
                      OtlpAttributes.attributes(
                          OtlpAttributes.merged(resourceAttributes, log.getAttributesList())),
                      receivedAtMs)));
        }
      }
    }
    return items;
  }

  /** The span itself when it is a segment, else its nearest segment ancestor in the request, else null. */
  private static Span segmentOf(Span span, Map<String, Span> byId) {
    Span current = span;
    // Bounded by the request's spans, so a parent cycle in bad input cannot loop forever.
    for (int hops = 0; current != null && hops <= byId.size(); hops++) {
      if (isSegment(current)) {
        return current;
      }
      current = byId.get(OtlpAttributes.hex(current.getParentSpanId()));
    }
    return null;
  }

  private static boolean isSegment(Span span) {
    return span.getParentSpanId().isEmpty()
        || span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
        || span.getKind() == Span.SpanKind.SPAN_KIND_CONSUMER;
  }

  private static String op(Span span, Map<String, AnyValue> attributes) {
    if (attributes.containsKey("sentry.op")) {
      return attributes.get("sentry.op").getStringValue();
    }
    if (attributes.containsKey("db.system") || attributes.containsKey("db.system.name")) {
      return "db";
    }
    boolean http =
        attributes.containsKey("http.request.method") || attributes.containsKey("http.method");
    return switch (span.getKind()) {
      case SPAN_KIND_SERVER -> http ? "http.server" : "server";
      case SPAN_KIND_CLIENT -> http ? "http.client" : "client";
      case SPAN_KIND_PRODUCER -> "producer";
      case SPAN_KIND_CONSUMER -> "consumer";
      default -> "internal";
    };
  }

  private static String level(LogRecord log) {
    if (!log.getSeverityText().isBlank()) {
      return log.getSeverityText().toLowerCase(Locale.ROOT);
    }
    int severity = log.getSeverityNumberValue();
    String[] levels = {"trace", "debug", "info", "warn", "error", "fatal"};
    return severity <= 0 ? "info" : levels[Math.min(5, (severity - 1) / 4)];
  }

  private static String release(Map<String, AnyValue> resource) {
    return resourceText(resource, "service.version");
  }

  private static String environment(Map<String, AnyValue> resource) {
    String environment = resourceText(resource, "deployment.environment.name");
    return environment.isEmpty() ? resourceText(resource, "deployment.environment") : environment;
  }

  private static String resourceText(Map<String, AnyValue> resource, String key) {
    AnyValue value = resource.get(key);
    return value == null ? "" : value.getStringValue();
  }
}
