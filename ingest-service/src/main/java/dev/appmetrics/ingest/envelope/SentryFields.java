package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.ingest.event.Attributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How Sentry's payloads write times, ids and attributes, read the same way by every kind of trace item. */
final class SentryFields {

  /** Attributes of streamed spans and logs that become columns, so they are not stored twice. */
  private static final Set<String> COLUMN_ATTRIBUTES =
      Set.of(
          "sentry.op",
          "sentry.release",
          "sentry.environment",
          "sentry.segment.name",
          "sentry.segment.id",
          "sentry.trace.parent_span_id");

  private SentryFields() {}

  /** Sentry's times: seconds as a number, or an RFC 3339 string; null when missing, unreadable or not finite. */
  static Double seconds(JsonNode node) {
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
  static String id(JsonNode node) {
    return node.isTextual() ? node.asText().toLowerCase(Locale.ROOT) : "";
  }

  static String textOr(String text, String fallback) {
    return text == null || text.isEmpty() ? fallback : text;
  }

  static String attributeText(JsonNode attributes, String key) {
    JsonNode attribute = attributes.path(key);
    return attribute.isObject() ? attribute.path("value").asText("") : attribute.asText("");
  }

  static Attributes withoutColumns(Attributes attributes) {
    if (COLUMN_ATTRIBUTES.stream().noneMatch(attributes.strings()::containsKey)) {
      return attributes;
    }
    Map<String, String> strings = new LinkedHashMap<>(attributes.strings());
    strings.keySet().removeAll(COLUMN_ATTRIBUTES);
    return new Attributes(
        strings, attributes.integers(), attributes.doubles(), attributes.booleans());
  }

  /**
   * The untyped {@code data} and {@code tags} of transactions and v1 spans: numbers and booleans keep their type,
   * anything nested is kept as its JSON text (tags win over data on the same key).
   */
  static Attributes plainAttributes(JsonNode data, JsonNode tags) {
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, Long> integers = new LinkedHashMap<>();
    Map<String, Double> doubles = new LinkedHashMap<>();
    Map<String, Boolean> booleans = new LinkedHashMap<>();
    for (JsonNode node : List.of(data, tags)) {
      node.fields()
          .forEachRemaining(
              field -> {
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
