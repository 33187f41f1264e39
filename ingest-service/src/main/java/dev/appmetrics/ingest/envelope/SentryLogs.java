package dev.appmetrics.ingest.envelope;

import static dev.appmetrics.ingest.envelope.SentryFields.attributeText;
import static dev.appmetrics.ingest.envelope.SentryFields.id;
import static dev.appmetrics.ingest.envelope.SentryFields.seconds;
import static dev.appmetrics.ingest.envelope.SentryFields.textOr;
import static dev.appmetrics.ingest.envelope.SentryFields.withoutColumns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.envelope.SentryTraceItems.Context;
import dev.appmetrics.ingest.event.TypedAttributes;
import dev.appmetrics.ingest.trace.LogRow;
import dev.appmetrics.ingest.trace.TraceItem;
import java.util.Locale;

/** A log of a streamed {@code log} item; its span may travel as the {@code sentry.trace.parent_span_id} attribute. */
final class SentryLogs {

  private SentryLogs() {}

  static TraceItem read(JsonNode log, Context context) throws TypedAttributes.UnreadableAttribute {
    JsonNode attributes = log.path("attributes");
    Double timestamp = seconds(log.path("timestamp"));
    String spanId =
        log.hasNonNull("span_id")
            ? id(log.path("span_id"))
            : attributeText(attributes, "sentry.trace.parent_span_id").toLowerCase(Locale.ROOT);
    return TraceItem.of(
        new LogRow(
            context.caller().organizationId(),
            context.caller().projectId(),
            id(log.path("trace_id")),
            spanId,
            timestamp == null ? context.receivedAtMs() : Math.round(timestamp * 1000),
            log.path("level").asText("info"),
            log.path("body").asText(""),
            textOr(attributeText(attributes, "sentry.release"), context.release()),
            textOr(attributeText(attributes, "sentry.environment"), context.environment()),
            withoutColumns(TypedAttributes.read(attributes)),
            context.receivedAtMs()));
  }
}
