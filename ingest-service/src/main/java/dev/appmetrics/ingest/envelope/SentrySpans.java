package dev.appmetrics.ingest.envelope;

import static dev.appmetrics.ingest.envelope.SentryFields.attributeText;
import static dev.appmetrics.ingest.envelope.SentryFields.id;
import static dev.appmetrics.ingest.envelope.SentryFields.plainAttributes;
import static dev.appmetrics.ingest.envelope.SentryFields.seconds;
import static dev.appmetrics.ingest.envelope.SentryFields.textOr;
import static dev.appmetrics.ingest.envelope.SentryFields.withoutColumns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.envelope.SentryTraceItems.Context;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.TypedAttributes;
import dev.appmetrics.ingest.trace.SpanRow;
import dev.appmetrics.ingest.trace.TraceItem;
import dev.appmetrics.ingest.trace.TraceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spans from the three forms Sentry sends: a transaction event (its segment plus child spans), a v1 span object and
 * a streamed (v2) span; release and environment fall back to the envelope's trace header.
 */
final class SentrySpans {

  private SentrySpans() {}

  /** A transaction event: its trace context is the segment span, {@code spans} its children. */
  static List<TraceItem> transaction(JsonNode event, Context context) {
    JsonNode trace = event.path("contexts").path("trace");
    String traceId = id(trace.path("trace_id"));
    String segmentId = id(trace.path("span_id"));
    String name = event.path("transaction").asText("");
    String release = event.path("release").asText(context.release());
    String environment = event.path("environment").asText(context.environment());
    List<TraceItem> items = new ArrayList<>();
    Attributes segmentAttributes = plainAttributes(trace.path("data"), event.path("tags"));
    items.add(
        span(
            context,
            traceId,
            segmentId,
            id(trace.path("parent_span_id")),
            segmentId,
            true,
            trace.path("op").asText(""),
            name,
            trace.path("status").asText(""),
            name,
            release,
            environment,
            event.path("start_timestamp"),
            event.path("timestamp"),
            segmentAttributes));
    for (JsonNode child : event.path("spans")) {
      String childTrace = child.hasNonNull("trace_id") ? id(child.path("trace_id")) : traceId;
      items.add(
          span(
              context,
              childTrace,
              id(child.path("span_id")),
              id(child.path("parent_span_id")),
              segmentId,
              false,
              child.path("op").asText(""),
              child.path("description").asText(""),
              child.path("status").asText(""),
              name,
              release,
              environment,
              child.path("start_timestamp"),
              child.path("timestamp"),
              plainAttributes(child.path("data"), child.path("tags"))));
    }
    return items;
  }

  /** A v1 span item: one span object with Sentry's event fields. */
  static TraceItem legacySpan(JsonNode span, Context context) {
    boolean segment = span.path("is_segment").asBoolean(false);
    String spanId = id(span.path("span_id"));
    return span(
        context,
        id(span.path("trace_id")),
        spanId,
        id(span.path("parent_span_id")),
        segment ? spanId : id(span.path("segment_id")),
        segment,
        span.path("op").asText(""),
        span.path("description").asText(""),
        span.path("status").asText(""),
        span.path("sentry_tags").path("transaction").asText(""),
        span.path("sentry_tags").path("release").asText(context.release()),
        span.path("sentry_tags").path("environment").asText(context.environment()),
        span.path("start_timestamp"),
        span.path("timestamp"),
        plainAttributes(span.path("data"), span.path("tags")));
  }

  /** A streamed (v2) span: op, segment, release and environment travel as {@code sentry.*} attributes. */
  static TraceItem streamedSpan(JsonNode span, Context context)
      throws TypedAttributes.UnreadableAttribute {
    JsonNode attributes = span.path("attributes");
    boolean segment = span.path("is_segment").asBoolean(false);
    String spanId = id(span.path("span_id"));
    return span(
        context,
        id(span.path("trace_id")),
        spanId,
        id(span.path("parent_span_id")),
        segment ? spanId : attributeText(attributes, "sentry.segment.id").toLowerCase(Locale.ROOT),
        segment,
        attributeText(attributes, "sentry.op"),
        span.path("name").asText(""),
        span.path("status").asText(""),
        attributeText(attributes, "sentry.segment.name"),
        textOr(attributeText(attributes, "sentry.release"), context.release()),
        textOr(attributeText(attributes, "sentry.environment"), context.environment()),
        span.path("start_timestamp"),
        span.path("end_timestamp"),
        withoutColumns(TypedAttributes.read(attributes)));
  }

  private static TraceItem span(
      Context context,
      String traceId,
      String spanId,
      String parentSpanId,
      String segmentId,
      boolean segment,
      String op,
      String description,
      String status,
      String transaction,
      String release,
      String environment,
      JsonNode start,
      JsonNode end,
      Attributes attributes) {
    Double startSeconds = seconds(start);
    Double endSeconds = seconds(end);
    if (startSeconds == null || endSeconds == null) {
      return TraceItem.unreadable(
          TraceTable.SPANS, "the span's start and end timestamps are required");
    }
    long startMs = Math.round(startSeconds * 1000);
    long endMs = Math.round(endSeconds * 1000);
    return TraceItem.of(
        new SpanRow(
            context.caller().organizationId(),
            context.caller().projectId(),
            traceId,
            spanId,
            parentSpanId,
            segmentId,
            segment,
            op,
            description,
            status,
            transaction,
            release,
            environment,
            startMs,
            endMs,
            (endSeconds - startSeconds) * 1000,
            attributes,
            context.receivedAtMs()));
  }
}
