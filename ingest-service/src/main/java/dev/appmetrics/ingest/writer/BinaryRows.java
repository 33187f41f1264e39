package dev.appmetrics.ingest.writer;

import dev.appmetrics.ingest.event.MetricEventRow;
import dev.appmetrics.ingest.event.RowColumn;
import dev.appmetrics.ingest.event.RowColumn.Layout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Walks a binary row ({@link MetricEventRow}: one format byte, then RowBinary) column by column. A record is only
 * handed to ClickHouse once {@link #readable} held: every length and count inside the value, every enum value known,
 * nothing left over. A damaged record goes to the dead-letter topic instead of into a Native block, which ClickHouse
 * would store without complaint (an unknown enum value included) and then fail every query that reads it.
 */
final class BinaryRows {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Returned by the walk for a value that does not fit the row. */
  static final int UNREADABLE = -1;

  private BinaryRows() {}

  /** Whether the value is exactly one binary row of the columns. */
  static boolean readable(byte[] value, List<RowColumn> columns) {
    if (value.length == 0 || value[0] != MetricEventRow.ROW_BINARY) {
      return false;
    }
    int position = 1;
    for (int i = 0; i < columns.size() && position != UNREADABLE; i++) {
      position = end(value, position, columns.get(i));
    }
    return position == value.length;
  }

  /** The eight bytes of a fixed-width column of a {@link #readable} row, as a long. */
  static long fixed8(byte[] row, List<RowColumn> columns, String name) {
    int position = 1;
    for (RowColumn column : columns) {
      if (column.name().equals(name) && column.layout() == Layout.FIXED8) {
        return (long) LONG_LE.get(row, position);
      }
      position = end(row, position, column);
    }
    throw new IllegalArgumentException("no eight-byte column " + name);
  }

  /** Where the column's value that starts at the position ends, or {@link #UNREADABLE}. */
  static int end(byte[] row, int position, RowColumn column) {
    Layout layout = column.layout();
    return switch (layout) {
      case ENUM8 ->
          position < row.length && row[position] >= 1 && row[position] <= column.enumValues()
              ? position + 1
              : UNREADABLE;
      case FIXED4, FIXED8 -> within(row, position, layout.width);
      case STRING -> string(row, position);
      case ARRAY_OF_FIXED1, ARRAY_OF_FIXED8 -> {
        int count = varint(row, position);
        yield count < 0
            ? UNREADABLE
            : within(row, position + varintSize(count), (long) count * layout.width);
      }
      case ARRAY_OF_STRING -> {
        int count = varint(row, position);
        position = count < 0 ? UNREADABLE : position + varintSize(count);
        for (int i = 0; i < count && position != UNREADABLE; i++) {
          position = string(row, position);
        }
        yield position;
      }
    };
  }

  private static int string(byte[] row, int position) {
    int length = varint(row, position);
    return length < 0 ? UNREADABLE : within(row, position + varintSize(length), length);
  }

  private static int within(byte[] row, int position, long bytes) {
    return position + bytes <= row.length ? (int) (position + bytes) : UNREADABLE;
  }

  /**
   * A varint (LEB128) of at most 31 bits at the position, in its shortest form (as the encoder writes it, so the
   * walk and the value agree on its size), or -1 if it is longer, larger or runs past the row.
   */
  static int varint(byte[] row, int position) {
    long value = 0;
    int start = position;
    for (int shift = 0; shift <= 28 && position < row.length; shift += 7) {
      byte b = row[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value <= Integer.MAX_VALUE && position - start == varintSize((int) value)
            ? (int) value
            : -1;
      }
    }
    return -1;
  }

  /** The bytes of a varint of the value, as the encoder writes it (shortest form). */
  static int varintSize(int value) {
    return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
  }
}
