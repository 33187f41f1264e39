package dev.appmetrics.ingest.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads attributes in Sentry's typed form {@code {key: {value, type}}} (native JSON accepts it and plain
 * {@code {key: value}}). Arrays are kept as their JSON text in a string attribute, since the table stores scalars.
 * It reads token by token, so an envelope's metrics never become a JSON tree; a key given twice keeps its last value.
 */
public final class TypedAttributes {

  private static final JsonFactory JSON = new JsonFactory();

  private TypedAttributes() {}

  /** Thrown with a reason that names the attribute; the item is then rejected with it. */
  public static final class UnreadableAttribute extends Exception {
    public UnreadableAttribute(String reason) {
      super(reason, null, false, false);
    }
  }

  public static Attributes read(JsonNode node) throws UnreadableAttribute {
    if (node == null || node.isMissingNode()) {
      return Attributes.EMPTY;
    }
    try (JsonParser parser = node.traverse()) {
      parser.nextToken();
      return read(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the value the parser is on (an object, or null for none) and leaves the parser on its last token, also when
   * an attribute is unreadable (thrown only then), so the caller reads on after it.
   */
  public static Attributes read(JsonParser parser) throws IOException, UnreadableAttribute {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return Attributes.EMPTY;
    }
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      throw new UnreadableAttribute("attributes must be an object");
    }
    // Linked maps keep the attributes' order and are iterated (validation, encoding) without
    // visiting empty slots.
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, Long> integers = new LinkedHashMap<>();
    Map<String, Double> doubles = new LinkedHashMap<>();
    Map<String, Boolean> booleans = new LinkedHashMap<>();
    Map<String, String> problems = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      Value value;
      String type;
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        Value declared = null;
        String declaredType = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if ("value".equals(field)) {
            declared = Value.read(parser);
          } else if ("type".equals(field)) {
            declaredType = declaredType(parser);
          } else {
            parser.skipChildren();
          }
        }
        // An object without "value" is not the typed form but a plain value, and objects are no
        // attribute type.
        value = declared == null ? Value.OBJECT : declared;
        type = declared != null && declaredType != null ? declaredType : value.inferredType();
      } else {
        value = Value.read(parser);
        type = value.inferredType();
      }
      strings.remove(key);
      integers.remove(key);
      doubles.remove(key);
      booleans.remove(key);
      String problem =
          switch (type) {
            case "string" ->
                value.token == JsonToken.VALUE_STRING
                    ? put(strings, key, value.text)
                    : declared(key, type, value);
            case "integer" ->
                value.token == JsonToken.VALUE_NUMBER_INT && value.fitsLong
                    ? put(integers, key, value.longValue)
                    : "attribute '"
                        + key
                        + "' is declared integer but is not a signed 64-bit integer";
            case "double" ->
                value.token.isNumeric()
                    ? put(doubles, key, value.doubleValue)
                    : declared(key, type, value);
            case "boolean" ->
                value.token.isBoolean()
                    ? put(booleans, key, value.token == JsonToken.VALUE_TRUE)
                    : declared(key, type, value);
            case "array" ->
                value.token == JsonToken.START_ARRAY
                    ? put(strings, key, value.text)
                    : declared(key, type, value);
            default -> "attribute '" + key + "' has unknown type '" + type + "'";
          };
      if (problems != null) {
        problems.remove(key);
      }
      if (problem != null) {
        problems = problems == null ? new LinkedHashMap<>() : problems;
        problems.put(key, problem);
      }
    }
    if (problems != null && !problems.isEmpty()) {
      throw new UnreadableAttribute(problems.values().iterator().next());
    }
    return new Attributes(strings, integers, doubles, booleans);
  }

  /**
   * The "type" field as JsonNode.asText() reads it (scalars as text, containers as ""), or null for
   * a JSON null.
   */
  private static String declaredType(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token.isStructStart()) {
      parser.skipChildren();
      return "";
    }
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_FLOAT -> Double.toString(parser.getDoubleValue());
      default -> parser.getText();
    };
  }

  private static <T> String put(Map<String, T> map, String key, T value) {
    map.put(key, value);
    return null;
  }

  private static String declared(String key, String type, Value value) {
    return "attribute '" + key + "' is declared " + type + " but is " + value.nodeType();
  }

  /**
   * One JSON value, read whole; strings and arrays keep their (JSON) text, numbers only their
   * values, objects are skipped.
   */
  private record Value(
      JsonToken token, String text, long longValue, double doubleValue, boolean fitsLong) {

    static final Value OBJECT = new Value(JsonToken.START_OBJECT, "", 0, 0, false);

    static Value read(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_STRING -> new Value(token, parser.getText(), 0, 0, false);
        case VALUE_NUMBER_INT ->
            parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? new Value(token, null, 0, parser.getDoubleValue(), false)
                : new Value(token, null, parser.getLongValue(), parser.getDoubleValue(), true);
        case VALUE_NUMBER_FLOAT -> new Value(token, null, 0, parser.getDoubleValue(), false);
        case START_ARRAY -> new Value(token, arrayText(parser), 0, 0, false);
        case START_OBJECT -> {
          parser.skipChildren();
          yield OBJECT;
        }
        default -> new Value(token, null, 0, 0, false);
      };
    }

    String inferredType() {
      return switch (token) {
        case VALUE_STRING -> "string";
        case VALUE_NUMBER_INT -> "integer";
        case VALUE_NUMBER_FLOAT -> "double";
        case VALUE_TRUE, VALUE_FALSE -> "boolean";
        case START_ARRAY -> "array";
        default -> nodeType().toLowerCase(java.util.Locale.ROOT);
      };
    }

    /** The name JsonNode.getNodeType() gives this value, for messages. */
    String nodeType() {
      return switch (token) {
        case VALUE_STRING -> "STRING";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
        case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
        case START_ARRAY -> "ARRAY";
        case START_OBJECT -> "OBJECT";
        default -> "NULL";
      };
    }

    private static String arrayText(JsonParser parser) throws IOException {
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(text)) {
        generator.copyCurrentStructure(parser);
      }
      return text.toString();
    }
  }
}
