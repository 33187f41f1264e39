package dev.appmetrics.query.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One row of a JSONCompact answer, read by column name: the names come from the answer's {@code meta}, so a decoder
 * names the columns its SQL selects (or aliases) and does not depend on their order.
 */
public final class Row {

  private final Map<String, Integer> columns;
  private final JsonNode values;

  Row(Map<String, Integer> columns, JsonNode values) {
    this.columns = columns;
    this.values = values;
  }

  /** The value as JSON (arrays for Array columns); fails loudly when the statement selects no such column. */
  public JsonNode get(String column) {
    Integer index = columns.get(column);
    if (index == null) {
      throw new IllegalStateException(
          "The statement selects no column " + column + ", only " + columns.keySet());
    }
    return values.get(index);
  }

  public String text(String column) {
    return get(column).asText();
  }

  /** Integers, and the UInt64 and Int64 that JSONCompact writes as quoted strings. */
  public long integer(String column) {
    return get(column).asLong();
  }

  public double number(String column) {
    return get(column).asDouble();
  }

  /** A UInt8 used as a boolean. */
  public boolean flag(String column) {
    return get(column).asInt() == 1;
  }
}
