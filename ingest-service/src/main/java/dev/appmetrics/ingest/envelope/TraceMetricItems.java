package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.ingest.body.JsonArrayField;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.EventRules;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.TypedAttributes;
import dev.appmetrics.ingest.pipeline.ItemBudget;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the payload of a {@code trace_metric} item, {@code {"version": 2, "items": [...]}} (the version is optional:
 * the Java SDK omits it), into protocol-neutral metrics.
 */
public final class TraceMetricItems {

  public static final Set<String> CONTENT_TYPES =
      Set.of(
          "application/vnd.sentry.items.trace-metric+json",
          "application/vnd.sentry.items.trace_metric+json");

  /** The SDK's sample rate travels as this attribute; it becomes the event's client_sample_rate. */
  static final String SAMPLE_RATE_ATTRIBUTE = "sentry.client_sample_rate";

  private final ObjectMapper json;

  public TraceMetricItems(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The item's metrics, each charged to the request's budget as it is read; an unreadable payload becomes one
   * rejected placeholder naming the item.
   */
  public List<IncomingMetric> read(EnvelopeItem item, int itemIndex, ItemBudget budget) {
    String contentType = item.contentType();
    if (!contentType.isEmpty() && !CONTENT_TYPES.contains(contentType)) {
      return List.of(
          IncomingMetric.unreadable(
              "envelope item "
                  + itemIndex
                  + " has content_type '"
                  + contentType
                  + "', expected application/vnd.sentry.items.trace-metric+json"));
    }
    // Token by token, straight into metrics: a JSON tree of every payload cost more CPU than
    // anything else here.
    List<IncomingMetric> metrics;
    try (JsonParser parser = json.createParser(item.payload())) {
      metrics = JsonArrayField.read(parser, "items", budget, TraceMetricItems::metric);
    } catch (IOException e) {
      return List.of(
          IncomingMetric.unreadable("envelope item " + itemIndex + " is not valid JSON"));
    }
    return metrics == null
        ? List.of(IncomingMetric.unreadable("envelope item " + itemIndex + " has no 'items' array"))
        : metrics;
  }

  /** Reads the metric the parser is on and leaves the parser on its last token. */
  private static IncomingMetric metric(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return IncomingMetric.unreadable("the metric is not a JSON object");
    }
    String name = null;
    String type = null;
    String unit = null;
    String traceId = null;
    String spanId = null;
    boolean textualTraceId = false;
    Double value = null;
    Long timestamp = null;
    String unreadableTimestamp = null;
    Attributes attributes = Attributes.EMPTY;
    String unreadableAttribute = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "name" -> name = text(parser);
        case "type" -> type = text(parser);
        case "unit" -> unit = text(parser);
        case "span_id" -> spanId = text(parser);
        case "trace_id" -> {
          textualTraceId = token == JsonToken.VALUE_STRING;
          traceId = text(parser);
        }
        case "value" ->
            value = token.isNumeric() ? Double.valueOf(parser.getDoubleValue()) : skip(parser);
        case "timestamp" -> {
          timestamp =
              token.isNumeric()
                  ? EventRules.secondsToMillis(parser.getDoubleValue())
                  : skip(parser);
          unreadableTimestamp =
              token.isNumeric() && timestamp == null ? "timestamp must be a finite number" : null;
        }
        case "attributes" -> {
          try {
            attributes = TypedAttributes.read(parser);
            unreadableAttribute = null;
          } catch (TypedAttributes.UnreadableAttribute e) {
            attributes = Attributes.EMPTY;
            unreadableAttribute = e.getMessage();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (!textualTraceId || traceId.isEmpty()) {
      return IncomingMetric.unreadable("trace_id is missing");
    }
    if (unreadableTimestamp != null || unreadableAttribute != null) {
      return IncomingMetric.unreadable(
          unreadableTimestamp != null ? unreadableTimestamp : unreadableAttribute);
    }
    Double sampleRate = attributes.doubles().get(SAMPLE_RATE_ATTRIBUTE);
    if (attributes.doubles().containsKey(SAMPLE_RATE_ATTRIBUTE)) {
      Map<String, Double> doubles = new LinkedHashMap<>(attributes.doubles());
      doubles.remove(SAMPLE_RATE_ATTRIBUTE);
      attributes =
          new Attributes(
              attributes.strings(), attributes.integers(), doubles, attributes.booleans());
    }
    return new IncomingMetric(
        name,
        type,
        value,
        unit,
        timestamp,
        traceId,
        spanId,
        // Sentry's rule: a rate outside (0, 1] means the event was not sampled, so it weighs 1.
        sampleRate != null && sampleRate > 0 && sampleRate <= 1 ? sampleRate : null,
        attributes);
  }

  /** Like JsonNode.asText() of the field: null for JSON null, scalars as text, containers as "". */
  private static String text(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token.isStructStart()) {
      parser.skipChildren();
      return "";
    }
    return token == JsonToken.VALUE_NUMBER_FLOAT
        ? Double.toString(parser.getDoubleValue())
        : parser.getText();
  }

  private static <T> T skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }
}
