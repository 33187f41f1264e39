package dev.appmetrics.ingest.envelope;

import static dev.appmetrics.ingest.envelope.SentryFields.id;
import static dev.appmetrics.ingest.envelope.SentryFields.seconds;
import static dev.appmetrics.ingest.envelope.SentryFields.textOr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.appmetrics.ingest.envelope.SentryTraceItems.Context;
import dev.appmetrics.ingest.trace.ErrorRow;
import dev.appmetrics.ingest.trace.TraceItem;
import java.util.ArrayList;
import java.util.List;

/** An {@code event} item: an error, its primary exception the last of {@code exception.values}, with its frames. */
final class SentryErrors {

  private SentryErrors() {}

  /** An error event; one without an exception (a captured message) stores its message as the value. */
  static TraceItem read(JsonNode event, Context context) {
    JsonNode exceptions =
        event.path("exception").isArray()
            ? event.path("exception")
            : event.path("exception").path("values");
    JsonNode primary =
        exceptions.isArray() && !exceptions.isEmpty()
            ? exceptions.get(exceptions.size() - 1)
            : MissingNode.getInstance();
    List<ErrorRow.Frame> frames = new ArrayList<>();
    for (JsonNode frame : primary.path("stacktrace").path("frames")) {
      frames.add(
          new ErrorRow.Frame(
              textOr(
                  frame.path("filename").asText(""),
                  textOr(frame.path("abs_path").asText(""), frame.path("module").asText(""))),
              frame.path("function").asText(""),
              line(frame.path("lineno")),
              frame.path("in_app").asBoolean(false)));
    }
    String value = primary.isMissingNode() ? message(event) : primary.path("value").asText("");
    Double timestamp = seconds(event.path("timestamp"));
    JsonNode trace = event.path("contexts").path("trace");
    return TraceItem.of(
        new ErrorRow(
            context.caller().organizationId(),
            context.caller().projectId(),
            id(event.path("event_id")),
            id(trace.path("trace_id")),
            id(trace.path("span_id")),
            timestamp == null ? context.receivedAtMs() : Math.round(timestamp * 1000),
            event.path("level").asText("error"),
            primary.path("type").asText(""),
            value,
            frames,
            event.path("release").asText(context.release()),
            event.path("environment").asText(context.environment()),
            event.path("transaction").asText(context.transaction()),
            context.receivedAtMs()));
  }

  /** 0 when unknown; a number beyond a long stays out of range, for the validator to refuse with its reason. */
  private static long line(JsonNode lineno) {
    if (lineno.isNumber() && !lineno.canConvertToLong()) {
      return lineno.asDouble() < 0 ? 0 : Long.MAX_VALUE;
    }
    return Math.max(0, lineno.asLong(0));
  }

  private static String message(JsonNode event) {
    JsonNode message = event.path("message");
    if (message.isTextual()) {
      return message.asText();
    }
    String formatted = message.path("formatted").asText(message.path("message").asText(""));
    return textOr(formatted, event.path("logentry").path("formatted").asText(""));
  }
}
