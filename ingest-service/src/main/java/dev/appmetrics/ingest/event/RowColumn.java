package dev.appmetrics.ingest.event;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A column of a binary row on Kafka ({@link MetricEventRow}): its name and ClickHouse type, and how ClickHouse's
 * RowBinary format lays out its value, which is all a reader needs to walk a row without knowing the table.
 * {@code enumValues} is the number of values of an Enum8 (numbered from 1), 0 for other types.
 */
public record RowColumn(String name, String type, Layout layout, int enumValues) {

  /** RowBinary's layouts of the types we use: fixed-width little-endian, or a varint count first. */
  public enum Layout {
    /** Enum8: one byte, from 1 to the number of values (ClickHouse would store any byte, then fail every read). */
    ENUM8(1),
    FIXED4(4),
    FIXED8(8),
    /** String: a varint byte length, then UTF-8. */
    STRING(0),
    /** Array(String): a varint element count, then each element as {@link #STRING}. */
    ARRAY_OF_STRING(0),
    /** Array(UInt8): a varint element count, then one byte each. */
    ARRAY_OF_FIXED1(1),
    /** Array(Int64) and Array(Float64): a varint element count, then eight bytes each. */
    ARRAY_OF_FIXED8(8);

    /** The bytes of a fixed value or of one array element; 0 for a string. */
    public final int width;

    Layout(int width) {
      this.width = width;
    }

    public boolean array() {
      return this == ARRAY_OF_STRING || this == ARRAY_OF_FIXED1 || this == ARRAY_OF_FIXED8;
    }
  }

  static RowColumn of(String name, String type, Layout layout) {
    return new RowColumn(name, type, layout, 0);
  }

  /** An Enum8 whose values are numbered from 1 in the given order. */
  static RowColumn enum8(String name, List<String> values) {
    String type =
        IntStream.range(0, values.size())
            .mapToObj(i -> "'" + values.get(i) + "' = " + (i + 1))
            .collect(Collectors.joining(", ", "Enum8(", ")"));
    return new RowColumn(name, type, Layout.ENUM8, values.size());
  }
}
