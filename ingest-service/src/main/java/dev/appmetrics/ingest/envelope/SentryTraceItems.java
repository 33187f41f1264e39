package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.event.TypedAttributes;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import dev.appmetrics.ingest.trace.TraceItem;
import dev.appmetrics.ingest.trace.TraceTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the envelope items of trace connection into rows: {@code transaction} (its segment span plus child spans),
 * {@code span} (the streamed v2 list {@code {"items": [...]}} that @sentry/node 11 sends, or one v1 span object),
 * {@code log} ({@code {"items": [...]}}) and {@code event} (an error: its primary exception, the last of
 * {@code exception.values}, with its frames). Release, environment and an error's transaction fall back to the
 * envelope's trace header (the trace's dynamic sampling context), which streamed spans and errors rely on. This
 * class reads the items; {@link SentrySpans}, {@link SentryLogs} and {@link SentryErrors} read their payloads.
 */
final class SentryTraceItems {

  static final Set<String> TYPES = Set.of("transaction", "span", "log", "event");

  private final ObjectMapper json;

  SentryTraceItems(ObjectMapper json) {
    this.json = json;
  }

  /** Where the items came from: the project, the time of receipt and the envelope's trace header. */
  record Context(
      IngestCaller caller,
      long receivedAtMs,
      String release,
      String environment,
      String transaction) {

    static Context of(IngestCaller caller, long receivedAtMs, JsonNode envelopeHeader) {
      JsonNode trace = envelopeHeader.path("trace");
      return new Context(
          caller,
          receivedAtMs,
          trace.path("release").asText(""),
          trace.path("environment").asText(""),
          trace.path("transaction").asText(""));
    }
  }

  /**
   * The item's rows; an unreadable payload becomes one rejected item naming the envelope item. The items of its list
   * are charged to the request's budget while they are read.
   */
  List<TraceItem> read(EnvelopeItem item, int itemIndex, Context context, ItemBudget budget) {
    TraceTable table =
        switch (item.type()) {
          case "log" -> TraceTable.LOGS;
          case "event" -> TraceTable.ERRORS;
          default -> TraceTable.SPANS;
        };
    JsonNode payload;
    try {
      String list = "transaction".equals(item.type()) ? "spans" : "items";
      payload = CountedPayload.read(json, item.payload(), list, budget);
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null) {
      return List.of(
          TraceItem.unreadable(table, "envelope item " + itemIndex + " is not a JSON object"));
    }
    return switch (item.type()) {
      case "transaction" -> SentrySpans.transaction(payload, context);
      case "span" ->
          payload.has("items")
              ? each(payload, itemIndex, table, span -> SentrySpans.streamedSpan(span, context))
              : List.of(SentrySpans.legacySpan(payload, context));
      case "log" -> each(payload, itemIndex, table, log -> SentryLogs.read(log, context));
      default -> List.of(SentryErrors.read(payload, context));
    };
  }

  private interface Reader {
    TraceItem read(JsonNode node) throws TypedAttributes.UnreadableAttribute;
  }

  private static List<TraceItem> each(
      JsonNode payload, int itemIndex, TraceTable table, Reader reader) {
    JsonNode items = payload.path("items");
    if (!items.isArray()) {
      return List.of(
          TraceItem.unreadable(table, "envelope item " + itemIndex + " has no 'items' array"));
    }
    List<TraceItem> read = new ArrayList<>(items.size());
    for (JsonNode node : items) {
      try {
        read.add(
            node.isObject()
                ? reader.read(node)
                : TraceItem.unreadable(table, "the " + table.itemName() + " is not a JSON object"));
      } catch (TypedAttributes.UnreadableAttribute e) {
        read.add(TraceItem.unreadable(table, e.getMessage()));
      }
    }
    return read;
  }
}
