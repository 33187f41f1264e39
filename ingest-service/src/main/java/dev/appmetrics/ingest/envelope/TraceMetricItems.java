package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.event.Attributes;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.TypedAttributes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the payload of a {@code trace_metric} item, {@code {"version": 2, "items": [...]}} (the version is optional:
 * the Java SDK omits it), into protocol-neutral metrics.
 */
public final class TraceMetricItems {

  public static final Set<String> CONTENT_TYPES = Set.of(
      "application/vnd.sentry.items.trace-metric+json", "application/vnd.sentry.items.trace_metric+json");
  /** The SDK's sample rate travels as this attribute; it becomes the event's client_sample_rate. */
  static final String SAMPLE_RATE_ATTRIBUTE = "sentry.client_sample_rate";

  private final ObjectMapper json;

  public TraceMetricItems(ObjectMapper json) {
    this.json = json;
  }

  /** The item's metrics; an unreadable payload becomes one rejected placeholder naming the item. */
  public List<IncomingMetric> read(Envelope.Item item, int itemIndex) {
    String contentType = item.contentType();
    if (!contentType.isEmpty() && !CONTENT_TYPES.contains(contentType)) {
      return List.of(IncomingMetric.unreadable("envelope item " + itemIndex + " has content_type '" + contentType
          + "', expected application/vnd.sentry.items.trace-metric+json"));
    }
    JsonNode payload;
    try {
      payload = json.readTree(item.payload());
    } catch (IOException e) {
      return List.of(IncomingMetric.unreadable("envelope item " + itemIndex + " is not valid JSON"));
    }
    if (payload == null || !payload.path("items").isArray()) {
      return List.of(IncomingMetric.unreadable("envelope item " + itemIndex + " has no 'items' array"));
    }
    return java.util.stream.StreamSupport.stream(payload.get("items").spliterator(), false)
        .map(TraceMetricItems::metric).toList();
  }

  private static IncomingMetric metric(JsonNode item) {
    if (!item.isObject()) {
      return IncomingMetric.unreadable("the metric is not a JSON object");
    }
    if (!item.path("trace_id").isTextual() || item.path("trace_id").asText().isEmpty()) {
      return IncomingMetric.unreadable("trace_id is missing");
    }
    Attributes attributes;
    try {
      attributes = TypedAttributes.read(item.get("attributes"));
    } catch (TypedAttributes.UnreadableAttribute e) {
      return IncomingMetric.unreadable(e.getMessage());
    }
    Double sampleRate = attributes.doubles().get(SAMPLE_RATE_ATTRIBUTE);
    if (attributes.doubles().containsKey(SAMPLE_RATE_ATTRIBUTE)) {
      Map<String, Double> doubles = new HashMap<>(attributes.doubles());
      doubles.remove(SAMPLE_RATE_ATTRIBUTE);
      attributes = new Attributes(attributes.strings(), attributes.integers(), doubles, attributes.booleans());
    }
    JsonNode timestamp = item.get("timestamp");
    return new IncomingMetric(
        text(item, "name"),
        text(item, "type"),
        item.path("value").isNumber() ? item.get("value").asDouble() : null,
        text(item, "unit"),
        timestamp != null && timestamp.isNumber() ? Math.round(timestamp.asDouble() * 1000) : null,
        text(item, "trace_id"),
        text(item, "span_id"),
        // Sentry's rule: a rate outside (0, 1] means the event was not sampled, so it weighs 1.
        sampleRate != null && sampleRate > 0 && sampleRate <= 1 ? sampleRate : null,
        attributes);
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
