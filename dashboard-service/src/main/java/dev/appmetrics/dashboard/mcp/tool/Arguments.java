package dev.appmetrics.dashboard.mcp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tool call's arguments as JSON. The SDK has checked them against the tool's schema already; these getters
 * still say which argument is missing or wrong, since a model reads the message and tries again.
 */
public record Arguments(ObjectNode json) {

  public String text(String name) {
    return optionalText(name).orElseThrow(() -> new ToolFailure("'" + name + "' is required"));
  }

  public Optional<String> optionalText(String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  public String text(String name, String fallback) {
    return optionalText(name).orElse(fallback);
  }

  public long id(String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.canConvertToLong()) {
      throw new ToolFailure("'" + name + "' must be an id (an integer)");
    }
    return value.asLong();
  }

  public Optional<Long> optionalId(String name) {
    return json.hasNonNull(name) ? Optional.of(id(name)) : Optional.empty();
  }

  public int integer(String name, int fallback) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? fallback : value.asInt(fallback);
  }

  public List<Long> ids(String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw new ToolFailure("'" + name + "' must name at least one id, for example [12]");
    }
    List<Long> ids = new ArrayList<>();
    value.forEach(id -> ids.add(id.asLong()));
    return ids;
  }

  public List<String> strings(String name) {
    List<String> values = new ArrayList<>();
    JsonNode value = json.get(name);
    if (value != null && value.isArray()) {
      value.forEach(item -> values.add(item.asText()));
    }
    return values;
  }

  /** The argument as it was sent, for parts that travel on to an API unchanged. */
  public Optional<JsonNode> node(String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }
}
