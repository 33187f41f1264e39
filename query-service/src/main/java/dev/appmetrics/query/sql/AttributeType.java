package dev.appmetrics.query.sql;

import java.util.EnumSet;
import java.util.Set;

/**
 * The typed attribute arrays of {@code metric_events}: the allow-list of their column names. An attribute is
 * read with {@code has(keys, k)} and {@code values[indexOf(keys, k)]} (an index of 0 reads the type's default,
 * so every read of a value is guarded by {@code has}).
 */
public enum AttributeType {
  STRING("string", "attr_string_keys", "attr_string_values"),
  INTEGER("integer", "attr_int_keys", "attr_int_values"),
  DOUBLE("double", "attr_double_keys", "attr_double_values"),
  BOOLEAN("boolean", "attr_bool_keys", "attr_bool_values");

  private final String wireName;
  private final String keys;
  private final String values;

  AttributeType(String wireName, String keys, String values) {
    this.wireName = wireName;
    this.keys = keys;
    this.values = values;
  }

  public String wireName() {
    return wireName;
  }

  public String keysColumn() {
    return keys;
  }

  public String valuesColumn() {
    return values;
  }

  /** {@code has(attr_x_keys, 'k')} */
  public String has(String key) {
    return "has(" + keys + ", " + Sql.string(key) + ")";
  }

  /** {@code attr_x_values[indexOf(attr_x_keys, 'k')]} */
  public String value(String key) {
    return values + "[" + index(key) + "]";
  }

  /** The value as text, as a group label shows it; booleans as true/false. */
  public String valueAsText(String key) {
    return switch (this) {
      case STRING -> value(key);
      case BOOLEAN -> "if(" + value(key) + " = 1, 'true', 'false')";
      case INTEGER, DOUBLE -> "toString(" + value(key) + ")";
    };
  }

  /** {@code indexOf(attr_x_keys, 'k')}: 0 when the event lacks the attribute. */
  public String index(String key) {
    return "indexOf(" + keys + ", " + Sql.string(key) + ")";
  }

  /**
   * One attribute's value as text, '' when the event lacks it, reading only the arrays of the types the key is
   * known to have (all four when unsure). The presence test is the same {@code indexOf} as the read, so
   * ClickHouse computes it once per type (18.16's multiIf evaluates every branch). A string array read at index 0
   * gives '' by itself, so a key known only as a string needs no test at all.
   */
  public static String anyValueAsText(String key, Set<AttributeType> types) {
    if (types.isEmpty()) {
      return "''";
    }
    if (types.equals(EnumSet.of(STRING))) {
      return STRING.value(key);
    }
    StringBuilder sql = new StringBuilder("multiIf(");
    for (AttributeType type : values()) {
      if (types.contains(type)) {
        sql.append(type.index(key)).append(" > 0, ").append(type.valueAsText(key)).append(", ");
      }
    }
    return sql.append("'')").toString();
  }
}
