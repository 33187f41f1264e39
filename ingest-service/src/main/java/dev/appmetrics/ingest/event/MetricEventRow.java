package dev.appmetrics.ingest.event;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.RowColumn.Layout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The wire form of a {@link MetricEvent} on Kafka: one byte {@link #ROW_BINARY}, then the event as a row of
 * ClickHouse's RowBinary format over {@link #COLUMNS}, the columns of the metric_events table except the ones the
 * writer adds (kafka_partition, kafka_offset and the retention classes). The writer then only moves each column's
 * bytes into a Native block, with no number printed or parsed on either side, which costs ClickHouse about half what
 * JSONEachRow did (docs/ingest.md). Times are epoch seconds and milliseconds, independent of any time zone.
 */
public final class MetricEventRow {

  /** The first byte of a binary row; a JSON row (what earlier versions wrote) starts with '{'. */
  public static final byte ROW_BINARY = 1;

  /** The row's columns in the order they are written. */
  public static final List<RowColumn> COLUMNS =
      List.of(
          RowColumn.of("organization_id", "UInt64", Layout.FIXED8),
          RowColumn.of("project_id", "UInt64", Layout.FIXED8),
          RowColumn.of("metric_name", "String", Layout.STRING),
          RowColumn.enum8(
              "metric_kind", Arrays.stream(MetricKind.values()).map(MetricKind::wireName).toList()),
          RowColumn.of("unit", "String", Layout.STRING),
          RowColumn.of("timestamp", "DateTime", Layout.FIXED4),
          RowColumn.of("timestamp_ms", "Int64", Layout.FIXED8),
          RowColumn.of("value", "Float64", Layout.FIXED8),
          RowColumn.of("client_sample_rate", "Float64", Layout.FIXED8),
          RowColumn.of("trace_id", "String", Layout.STRING),
          RowColumn.of("span_id", "String", Layout.STRING),
          RowColumn.of("attr_string_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_string_values", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_int_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_int_values", "Array(Int64)", Layout.ARRAY_OF_FIXED8),
          RowColumn.of("attr_double_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_double_values", "Array(Float64)", Layout.ARRAY_OF_FIXED8),
          RowColumn.of("attr_bool_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_bool_values", "Array(UInt8)", Layout.ARRAY_OF_FIXED1),
          RowColumn.of("received_at", "DateTime", Layout.FIXED4));

  /** One growable buffer per thread: an event is written into it, then copied out at its exact size. */
  private static final ThreadLocal<Row> ROWS = ThreadLocal.withInitial(Row::new);

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private MetricEventRow() {}

  /**
   * The UTF-8 size of the text as {@link #encode} writes it (and String.getBytes(UTF_8): a lone surrogate as '?'),
   * without encoding it; the validator's size limit counts with it.
   */
  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }

  /** The event as {@link #ROW_BINARY} and one RowBinary row of {@link #COLUMNS}. */
  public static byte[] encode(MetricEvent event) {
    Row row = ROWS.get().reset();
    row.fixed1(ROW_BINARY);
    row.fixed8(event.organizationId()).fixed8(event.projectId());
    row.string(event.name()).fixed1(event.kind().ordinal() + 1).string(event.unit());
    row.fixed4((int) Math.floorDiv(event.timestampMillis(), 1000)).fixed8(event.timestampMillis());
    row.fixed8(event.value()).fixed8(event.clientSampleRate());
    row.string(event.traceId()).string(event.spanId());
    // Keys and values come from one iteration order of the same map, so the parallel arrays stay
    // aligned.
    Attributes attributes = event.attributes();
    row.strings(attributes.strings().keySet()).strings(attributes.strings().values());
    row.strings(attributes.integers().keySet()).count(attributes.integers().size());
    attributes.integers().values().forEach(row::fixed8);
    row.strings(attributes.doubles().keySet()).count(attributes.doubles().size());
    attributes.doubles().values().forEach(row::fixed8);
    row.strings(attributes.booleans().keySet()).count(attributes.booleans().size());
    attributes.booleans().values().forEach(value -> row.fixed1(value ? 1 : 0));
    row.fixed4((int) Math.floorDiv(event.receivedAtMillis(), 1000));
    return row.toByteArray();
  }

  /**
   * A minimal RowBinary writer for exactly this shape (every event of every request passes here): numbers
   * little-endian, strings and arrays after their varint length, text as UTF-8.
   */
  private static final class Row {

    private byte[] bytes = new byte[1024];
    private int length;

    Row reset() {
      length = 0;
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, length);
    }

    Row fixed1(int value) {
      ensure(1);
      bytes[length++] = (byte) value;
      return this;
    }

    Row fixed4(int value) {
      ensure(4);
      INT_LE.set(bytes, length, value);
      length += 4;
      return this;
    }

    Row fixed8(long value) {
      ensure(8);
      LONG_LE.set(bytes, length, value);
      length += 8;
      return this;
    }

    Row fixed8(double value) {
      return fixed8(Double.doubleToRawLongBits(value));
    }

    /** A varint (LEB128), as RowBinary writes lengths and counts. */
    Row count(int value) {
      ensure(5);
      while ((value & ~0x7F) != 0) {
        bytes[length++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      bytes[length++] = (byte) value;
      return this;
    }

    Row strings(Collection<String> texts) {
      count(texts.size());
      texts.forEach(this::string);
      return this;
    }

    /** Most texts are ASCII: written in one pass with their length, else again as UTF-8 from the same place. */
    Row string(String text) {
      int start = length;
      count(text.length());
      ensure(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          length = start;
          return utf8(text);
        }
        bytes[length++] = (byte) c;
      }
      return this;
    }

    private Row utf8(String text) {
      int size = utf8Length(text);
      count(size);
      ensure(size);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          bytes[length++] = (byte) c;
        } else if (c < 0x800) {
          bytes[length++] = (byte) (0xC0 | (c >> 6));
          bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          int codePoint = Character.toCodePoint(c, text.charAt(++i));
          bytes[length++] = (byte) (0xF0 | (codePoint >> 18));
          bytes[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
          bytes[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
          bytes[length++] = (byte) (0x80 | (codePoint & 0x3F));
        } else if (Character.isSurrogate(c)) {
          // A lone surrogate is no character: '?' as String.getBytes(UTF_8) writes it.
          bytes[length++] = '?';
        } else {
          bytes[length++] = (byte) (0xE0 | (c >> 12));
          bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      return this;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}
