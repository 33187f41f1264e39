package dev.appmetrics.dashboard.mcp.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's input schema (JSON Schema, an object of named properties), written as it reads. */
public final class Schema {

  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();

  public static Schema object() {
    return new Schema();
  }

  public Schema string(String name, String description) {
    return property(name, Map.of("type", "string", "description", description));
  }

  public Schema oneOf(String name, String description, List<String> values) {
    return property(name, Map.of("type", "string", "enum", values, "description", description));
  }

  public Schema integer(String name, String description, long minimum, long maximum) {
    return property(
        name,
        Map.of(
            "type", "integer", "minimum", minimum, "maximum", maximum, "description", description));
  }

  public Schema number(String name, String description) {
    return property(name, Map.of("type", "number", "description", description));
  }

  public Schema strings(String name, String description) {
    return property(
        name,
        Map.of("type", "array", "items", Map.of("type", "string"), "description", description));
  }

  public Schema ids(String name, String description) {
    return property(
        name,
        Map.of(
            "type",
            "array",
            "items",
            Map.of("type", "integer"),
            "minItems",
            1,
            "description",
            description));
  }

  /** A property whose own schema is given whole (objects, arrays of objects). */
  public Schema property(String name, Map<String, Object> schema) {
    properties.put(name, schema);
    return this;
  }

  /** Marks the properties named so far with these names as required. */
  public Schema required(String... names) {
    required.addAll(List.of(names));
    return this;
  }

  public Map<String, Object> build() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.copyOf(properties));
    if (!required.isEmpty()) {
      schema.put("required", List.copyOf(required));
    }
    return schema;
  }

  /** The schema of an object with these properties, for nested parts. */
  public static Map<String, Object> nested(String description, Schema schema) {
    Map<String, Object> nested = new LinkedHashMap<>(schema.build());
    nested.put("description", description);
    return nested;
  }

  /** An array of objects of the given schema. */
  public static Map<String, Object> arrayOf(String description, Schema items, int maxItems) {
    return Map.of(
        "type",
        "array",
        "items",
        items.build(),
        "minItems",
        1,
        "maxItems",
        maxItems,
        "description",
        description);
  }
}
