package dev.appmetrics.query.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An event's eight typed attribute arrays, as every table stores them: the columns to select and their decoding. */
public final class AttributeColumns {

  /** {@code attr_string_keys, attr_string_values, …, attr_bool_values}, in {@link AttributeType} order. */
  public static final String SELECT =
      Stream.of(AttributeType.values())
          .map(type -> type.keysColumn() + ", " + type.valuesColumn())
          .collect(Collectors.joining(", "));

  private AttributeColumns() {}

  /** All the row's attributes as one map of typed values, by key; a key sent with two types keeps the later one. */
  public static Map<String, Object> read(Row row) {
    Map<String, Object> attributes = new TreeMap<>();
    for (AttributeType type : AttributeType.values()) {
      JsonNode keys = row.get(type.keysColumn());
      JsonNode values = row.get(type.valuesColumn());
      for (int i = 0; i < keys.size(); i++) {
        JsonNode value = values.get(i);
        attributes.put(
            keys.get(i).asText(),
            switch (type) {
              case STRING -> value.asText();
              case INTEGER -> value.asLong();
              case DOUBLE -> value.asDouble();
              case BOOLEAN -> value.asInt() == 1;
            });
      }
    }
    return attributes;
  }
}
