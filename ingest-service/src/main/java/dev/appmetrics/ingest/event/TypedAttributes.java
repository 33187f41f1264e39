package dev.appmetrics.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.event.Attributes;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads attributes in Sentry's typed form {@code {key: {value, type}}} (native JSON accepts it and plain
 * {@code {key: value}}). Arrays are kept as their JSON text in a string attribute, since the table stores scalars.
 */
public final class TypedAttributes {

  private TypedAttributes() {}

  /** Thrown with a reason that names the attribute; the item is then rejected with it. */
  public static final class UnreadableAttribute extends Exception {
    public UnreadableAttribute(String reason) {
      super(reason, null, false, false);
    }
  }

  public static Attributes read(JsonNode node) throws UnreadableAttribute {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Attributes.EMPTY;
    }
    if (!node.isObject()) {
      throw new UnreadableAttribute("attributes must be an object");
    }
    Map<String, String> strings = new HashMap<>();
    Map<String, Long> integers = new HashMap<>();
    Map<String, Double> doubles = new HashMap<>();
    Map<String, Boolean> booleans = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode attribute = field.getValue();
      boolean typed = attribute.isObject() && attribute.has("value");
      JsonNode value = typed ? attribute.get("value") : attribute;
      String type = typed && attribute.hasNonNull("type") ? attribute.get("type").asText() : inferType(value);
      switch (type) {
        case "string" -> {
          if (!value.isTextual()) {
            throw new UnreadableAttribute("attribute '" + key + "' is declared string but is " + value.getNodeType());
          }
          strings.put(key, value.asText());
        }
        case "integer" -> {
          if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new UnreadableAttribute("attribute '" + key + "' is declared integer but is not a signed 64-bit integer");
          }
          integers.put(key, value.asLong());
        }
        case "double" -> {
          if (!value.isNumber()) {
            throw new UnreadableAttribute("attribute '" + key + "' is declared double but is " + value.getNodeType());
          }
          doubles.put(key, value.asDouble());
        }
        case "boolean" -> {
          if (!value.isBoolean()) {
            throw new UnreadableAttribute("attribute '" + key + "' is declared boolean but is " + value.getNodeType());
          }
          booleans.put(key, value.asBoolean());
        }
        case "array" -> {
          if (!value.isArray()) {
            throw new UnreadableAttribute("attribute '" + key + "' is declared array but is " + value.getNodeType());
          }
          strings.put(key, value.toString());
        }
        default -> throw new UnreadableAttribute("attribute '" + key + "' has unknown type '" + type + "'");
      }
    }
    return new Attributes(strings, integers, doubles, booleans);
  }

  private static String inferType(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "double";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
