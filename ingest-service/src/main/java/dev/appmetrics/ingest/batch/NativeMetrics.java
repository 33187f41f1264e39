package dev.appmetrics.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.TypedAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the native batch {@code {"metrics": [{name, kind, value, unit, timestamp, trace_id, span_id,
 * client_sample_rate, attributes}]}}; the timestamp is epoch seconds (fractions allowed) or ISO-8601 text.
 */
final class NativeMetrics {

  private NativeMetrics() {}

  static List<IncomingMetric> read(JsonNode body) {
    List<IncomingMetric> metrics = new ArrayList<>();
    for (JsonNode item : body.get("metrics")) {
      metrics.add(metric(item));
    }
    return metrics;
  }

  private static IncomingMetric metric(JsonNode item) {
    if (!item.isObject()) {
      return IncomingMetric.unreadable("the metric is not a JSON object");
    }
    try {
      JsonNode rate = item.get("client_sample_rate");
      if (rate != null && !rate.isNull() && !rate.isNumber()) {
        return IncomingMetric.unreadable("client_sample_rate must be a number");
      }
      return new IncomingMetric(text(item, "name"), text(item, "kind"),
          item.path("value").isNumber() ? item.get("value").asDouble() : null,
          text(item, "unit"), timestamp(item.get("timestamp")), text(item, "trace_id"), text(item, "span_id"),
          rate == null || rate.isNull() ? null : rate.asDouble(),
          TypedAttributes.read(item.get("attributes")));
    } catch (TypedAttributes.UnreadableAttribute e) {
      return IncomingMetric.unreadable(e.getMessage());
    } catch (DateTimeParseException e) {
      return IncomingMetric.unreadable("timestamp must be epoch seconds or ISO-8601, not " + item.get("timestamp"));
    }
  }

  private static Long timestamp(JsonNode timestamp) {
    if (timestamp == null || timestamp.isNull()) {
      return null;
    }
    if (timestamp.isNumber()) {
      return Math.round(timestamp.asDouble() * 1000);
    }
    return Instant.parse(timestamp.asText()).toEpochMilli();
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
