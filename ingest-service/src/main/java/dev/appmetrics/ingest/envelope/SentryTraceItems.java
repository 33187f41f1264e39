package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.event.TypedAttributes;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import dev.appmetrics.ingest.trace.ErrorRow;
import dev.appmetrics.ingest.trace.LogRow;
import dev.appmetrics.ingest.trace.SpanRow;
import dev.appmetrics.ingest.trace.TraceItem;
import dev.appmetrics.ingest.trace.TraceTable;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the envelope items of trace connection into rows: {@code transaction} (its segment span plus child spans),
 * {@code span} (the streamed v2 list {@code {"items": [...]}} that @sentry/node 11 sends, or one v1 span object),
 * {@code log} ({@code {"items": [...]}}) and {@code event} (an error: its primary exception, the last of
 * {@code exception.values}, with its frames). Release, environment and an error's transaction fall back to the
 * envelope's trace header (the trace's dynamic sampling context), which streamed spans and errors rely on.
 */
final class SentryTraceItems {

  static final Set<String> TYPES = Set.of("transaction", "span", "log", "event");
  /** Attributes of streamed spans and logs that become columns, so they are not stored twice. */
  private static final Set<String> COLUMN_ATTRIBUTES = Set.of(
      "sentry.op", "sentry.release", "sentry.environment", "sentry.segment.name", "sentry.segment.id",
      "sentry.trace.parent_span_id");

  private final ObjectMapper json;

  SentryTraceItems(ObjectMapper json) {
    this.json = json;
  }

  /** Where the items came from: the project, the time of receipt and the envelope's trace header. */
  record Context(IngestCaller caller, long receivedAtMs, String release, String environment, String transaction) {

    static Context of(IngestCaller caller, long receivedAtMs, JsonNode envelopeHeader) {
      JsonNode trace = envelopeHeader.path("trace");
      return new Context(caller, receivedAtMs, trace.path("release").asText(""), trace.path("environment").asText(""),
          trace.path("transaction").asText(""));
    }
  }

  /**
   * The item's rows; an unreadable payload becomes one rejected item naming the envelope item. The items of its list
   * are charged to the request's budget while they are read.
   */
  List<TraceItem> read(EnvelopeItem item, int itemIndex, Context context, ItemBudget budget) {
    TraceTable table = switch (item.type()) {
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
      return List.of(TraceItem.unreadable(table, "envelope item " + itemIndex + " is not a JSON object"));
    }
    return switch (item.type()) {
      case "transaction" -> transaction(payload, context);
      case "span" -> payload.has("items") ? each(payload, itemIndex, table, span -> streamedSpan(span, context))
          : List.of(legacySpan(payload, context));
      case "log" -> each(payload, itemIndex, table, log -> log(log, context));
      default -> List.of(error(payload, context));
    };
  }

  private interface Reader {
    TraceItem read(JsonNode node) throws TypedAttributes.UnreadableAttribute;
  }

  private static List<TraceItem> each(JsonNode payload, int itemIndex, TraceTable table, Reader reader) {
    JsonNode items = payload.path("items");
    if (!items.isArray()) {
      return List.of(TraceItem.unreadable(table, "envelope item " + itemIndex + " has no 'items' array"));
    }
    List<TraceItem> read = new ArrayList<>(items.size());
    for (JsonNode node : items) {
      try {
        read.add(node.isObject() ? reader.read(node)
            : TraceItem.unreadable(table, "the " + table.itemName() + " is not a JSON object"));
      } catch (TypedAttributes.UnreadableAttribute e) {
        read.add(TraceItem.unreadable(table, e.getMessage()));
      }
    }
    return read;
  }

  /** A transaction event: its trace context is the segment span, {@code spans} its children. */
  private static List<TraceItem> transaction(JsonNode event, Context context) {
    JsonNode trace = event.path("contexts").path("trace");
    String traceId = id(trace.path("trace_id"));
    String segmentId = id(trace.path("span_id"));
    String name = event.path("transaction").asText("");
    String release = event.path("release").asText(context.release());
    String environment = event.path("environment").asText(context.environment());
    List<TraceItem> items = new ArrayList<>();
    Attributes segmentAttributes = plainAttributes(trace.path("data"), event.path("tags"));
    items.add(span(context, traceId, segmentId, id(trace.path("parent_span_id")), segmentId, true,
        trace.path("op").asText(""), name, trace.path("status").asText(""), name, release, environment,
        event.path("start_timestamp"), event.path("timestamp"), segmentAttributes));
    for (JsonNode child : event.path("spans")) {
      String childTrace = child.hasNonNull("trace_id") ? id(child.path("trace_id")) : traceId;
      items.add(span(context, childTrace, id(child.path("span_id")), id(child.path("parent_span_id")), segmentId,
          false, child.path("op").asText(""), child.path("description").asText(""), child.path("status").asText(""),
          name, release, environment, child.path("start_timestamp"), child.path("timestamp"),
          plainAttributes(child.path("data"), child.path("tags"))));
    }
    return items;
  }

  /** A v1 span item: one span object with Sentry's event fields. */
  private static TraceItem legacySpan(JsonNode span, Context context) {
    boolean segment = span.path("is_segment").asBoolean(false);
    String spanId = id(span.path("span_id"));
    return span(context, id(span.path("trace_id")), spanId, id(span.path("parent_span_id")),
        segment ? spanId : id(span.path("segment_id")), segment, span.path("op").asText(""),
        span.path("description").asText(""), span.path("status").asText(""),
        span.path("sentry_tags").path("transaction").asText(""),
        span.path("sentry_tags").path("release").asText(context.release()),
        span.path("sentry_tags").path("environment").asText(context.environment()),
        span.path("start_timestamp"), span.path("timestamp"), plainAttributes(span.path("data"), span.path("tags")));
  }

  /** A streamed (v2) span: op, segment, release and environment travel as {@code sentry.*} attributes. */
  private static TraceItem streamedSpan(JsonNode span, Context context) throws TypedAttributes.UnreadableAttribute {
    JsonNode attributes = span.path("attributes");
    boolean segment = span.path("is_segment").asBoolean(false);
    String spanId = id(span.path("span_id"));
    return span(context, id(span.path("trace_id")), spanId, id(span.path("parent_span_id")),
        segment ? spanId : attributeText(attributes, "sentry.segment.id").toLowerCase(Locale.ROOT), segment,
        attributeText(attributes, "sentry.op"), span.path("name").asText(""), span.path("status").asText(""),
        attributeText(attributes, "sentry.segment.name"),
        textOr(attributeText(attributes, "sentry.release"), context.release()),
        textOr(attributeText(attributes, "sentry.environment"), context.environment()),
        span.path("start_timestamp"), span.path("end_timestamp"), withoutColumns(TypedAttributes.read(attributes)));
  }

  private static TraceItem span(Context context, String traceId, String spanId, String parentSpanId, String segmentId,
      boolean segment, String op, String description, String status, String transaction, String release,
      String environment, JsonNode start, JsonNode end, Attributes attributes) {
    Double startSeconds = seconds(start);
    Double endSeconds = seconds(end);
    if (startSeconds == null || endSeconds == null) {
      return TraceItem.unreadable(TraceTable.SPANS, "the span's start and end timestamps are required");
    }
    long startMs = Math.round(startSeconds * 1000);
    long endMs = Math.round(endSeconds * 1000);
    return TraceItem.of(new SpanRow(context.caller().organizationId(), context.caller().projectId(), traceId, spanId,
        parentSpanId, segmentId, segment, op, description, status, transaction, release, environment, startMs, endMs,
        (endSeconds - startSeconds) * 1000, attributes, context.receivedAtMs()));
  }

  private static TraceItem log(JsonNode log, Context context) throws TypedAttributes.UnreadableAttribute {
    JsonNode attributes = log.path("attributes");
    Double timestamp = seconds(log.path("timestamp"));
    String spanId = log.hasNonNull("span_id") ? id(log.path("span_id"))
        : attributeText(attributes, "sentry.trace.parent_span_id").toLowerCase(Locale.ROOT);
    return TraceItem.of(new LogRow(context.caller().organizationId(), context.caller().projectId(),
        id(log.path("trace_id")), spanId,
        timestamp == null ? context.receivedAtMs() : Math.round(timestamp * 1000),
        log.path("level").asText("info"), log.path("body").asText(""),
        textOr(attributeText(attributes, "sentry.release"), context.release()),
        textOr(attributeText(attributes, "sentry.environment"), context.environment()),
        withoutColumns(TypedAttributes.read(attributes)), context.receivedAtMs()));
  }

  /** An error event; one without an exception (a captured message) stores its message as the value. */
  private static TraceItem error(JsonNode event, Context context) {
    JsonNode exceptions = event.path("exception").isArray() ? event.path("exception")
        : event.path("exception").path("values");
    JsonNode primary = exceptions.isArray() && !exceptions.isEmpty() ? exceptions.get(exceptions.size() - 1)
        : MissingNode.getInstance();
    List<ErrorRow.Frame> frames = new ArrayList<>();
    for (JsonNode frame : primary.path("stacktrace").path("frames")) {
      frames.add(new ErrorRow.Frame(
          textOr(frame.path("filename").asText(""), textOr(frame.path("abs_path").asText(""), frame.path("module").asText(""))),
          frame.path("function").asText(""), line(frame.path("lineno")),
          frame.path("in_app").asBoolean(false)));
    }
    String value = primary.isMissingNode() ? message(event) : primary.path("value").asText("");
    Double timestamp = seconds(event.path("timestamp"));
    JsonNode trace = event.path("contexts").path("trace");
    return TraceItem.of(new ErrorRow(context.caller().organizationId(), context.caller().projectId(),
        id(event.path("event_id")), id(trace.path("trace_id")), id(trace.path("span_id")),
        timestamp == null ? context.receivedAtMs() : Math.round(timestamp * 1000),
        event.path("level").asText("error"), primary.path("type").asText(""), value, frames,
        event.path("release").asText(context.release()), event.path("environment").asText(context.environment()),
        event.path("transaction").asText(context.transaction()), context.receivedAtMs()));
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

  /** Sentry's times: seconds as a number, or an RFC 3339 string; null when missing, unreadable or not finite. */
  private static Double seconds(JsonNode node) {
    if (node.isNumber()) {
      return Double.isFinite(node.asDouble()) ? node.asDouble() : null;
    }
    if (node.isTextual()) {
      try {
        Instant instant = Instant.parse(node.asText());
        return instant.getEpochSecond() + instant.getNano() / 1e9;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** Ids are stored in lower case; a missing id is empty (the validator decides whether that is allowed). */
  private static String id(JsonNode node) {
    return node.isTextual() ? node.asText().toLowerCase(Locale.ROOT) : "";
  }

  private static String textOr(String text, String fallback) {
    return text == null || text.isEmpty() ? fallback : text;
  }

  private static String attributeText(JsonNode attributes, String key) {
    JsonNode attribute = attributes.path(key);
    return attribute.isObject() ? attribute.path("value").asText("") : attribute.asText("");
  }

  private static Attributes withoutColumns(Attributes attributes) {
    if (COLUMN_ATTRIBUTES.stream().noneMatch(attributes.strings()::containsKey)) {
      return attributes;
    }
    Map<String, String> strings = new LinkedHashMap<>(attributes.strings());
    strings.keySet().removeAll(COLUMN_ATTRIBUTES);
    return new Attributes(strings, attributes.integers(), attributes.doubles(), attributes.booleans());
  }

  /**
   * The untyped {@code data} and {@code tags} of transactions and v1 spans: numbers and booleans keep their type,
   * anything nested is kept as its JSON text (tags win over data on the same key).
   */
  private static Attributes plainAttributes(JsonNode data, JsonNode tags) {
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, Long> integers = new LinkedHashMap<>();
    Map<String, Double> doubles = new LinkedHashMap<>();
    Map<String, Boolean> booleans = new LinkedHashMap<>();
    for (JsonNode node : List.of(data, tags)) {
      node.fields().forEachRemaining(field -> {
        String key = field.getKey();
        JsonNode value = field.getValue();
        strings.remove(key);
        integers.remove(key);
        doubles.remove(key);
        booleans.remove(key);
        if (value.isNull()) {
          return;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          integers.put(key, value.asLong());
        } else if (value.isNumber()) {
          doubles.put(key, value.asDouble());
        } else if (value.isBoolean()) {
          booleans.put(key, value.asBoolean());
        } else {
          strings.put(key, value.isTextual() ? value.asText() : value.toString());
        }
      });
    }
    return new Attributes(strings, integers, doubles, booleans);
  }
}
