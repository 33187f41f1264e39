package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.ingest.event.RowColumn;
import dev.appmetrics.ingest.event.RowColumn.Layout;
import io.netty.buffer.Unpooled;
import io.vertx.mutiny.core.buffer.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary rows of one table turned into one block of ClickHouse's Native format, with the writer's own columns (the
 * Kafka position and the retention classes) added. Native is columnar: each column's values follow each other, and
 * an array column is its rows' end offsets followed by all their elements. A RowBinary value already has Native's
 * encoding of one value (a string is a varint length and its bytes in both), so each row's values are copied to
 * their columns in one walk, and nothing is parsed or printed. ClickHouse reads it at about half the cost of the
 * same rows as JSONEachRow (docs/ingest.md).
 *
 * <p>The block has no block-info header: that is the form ClickHouse's HTTP interface reads, from 18.16 to current.
 */
final class NativeBlock {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** The writer's own columns, after the row's, by name with their types (the last only for a downsampled table). */
  static final Map<String, String> WRITER_COLUMNS =
      orderedMap(
          "kafka_partition", "UInt16",
          "kafka_offset", "UInt64",
          "retention_days", "UInt16",
          "downsampled_retention_days", "UInt16");

  /** The columns and the body of one INSERT. */
  record Insert(List<String> columns, List<Buffer> body) {}

  private NativeBlock() {}

  /** The rows, each {@link BinaryRows#readable} for the destination's columns, as one Native block. */
  static Insert of(Destination destination, List<Row> rows, RetentionClasses retention) {
    List<RowColumn> columns = destination.binaryColumns();
    int count = rows.size();
    Bytes[] data = new Bytes[columns.size()];
    Bytes[] offsets = new Bytes[columns.size()];
    long[] ends = new long[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Layout layout = columns.get(c).layout();
      data[c] = new Bytes(count * (layout.width == 0 || layout.array() ? 16 : layout.width));
      offsets[c] = layout.array() ? new Bytes(count * 8) : null;
    }
    Bytes partitions = new Bytes(count * 2);
    Bytes kafkaOffsets = new Bytes(count * 8);
    Bytes retentionDays = new Bytes(count * 2);
    Bytes downsampledDays = new Bytes(count * 2);
    for (Row row : rows) {
      byte[] value = row.value();
      int position = 1;
      for (int c = 0; c < data.length; c++) {
        RowColumn column = columns.get(c);
        int end = BinaryRows.end(value, position, column);
        if (column.layout().array()) {
          // Native's array: each row's running element count, then the elements without counts.
          int elements = BinaryRows.varint(value, position);
          ends[c] += elements;
          offsets[c].putLong(ends[c]);
          position += BinaryRows.varintSize(elements);
        }
        data[c].put(value, position, end - position);
        position = end;
      }
      RetentionClasses.Classes classes = retention.ofRecordKey(row.record().key());
      partitions.putShort(row.record().partition());
      kafkaOffsets.putLong(row.record().offset());
      retentionDays.putShort(classes.days());
      downsampledDays.putShort(classes.downsampledDays());
    }

    List<Bytes> writerValues = List.of(partitions, kafkaOffsets, retentionDays, downsampledDays);
    List<String> writerNames =
        List.copyOf(WRITER_COLUMNS.keySet()).subList(0, destination.downsampled() ? 4 : 3);
    List<String> names = new ArrayList<>();
    List<Buffer> body = new ArrayList<>();
    new Bytes(16).putVarint(columns.size() + writerNames.size()).putVarint(count).addTo(body);
    for (int c = 0; c < columns.size(); c++) {
      RowColumn column = columns.get(c);
      header(body, names, column.name(), column.type());
      if (offsets[c] != null) {
        offsets[c].addTo(body);
      }
      data[c].addTo(body);
    }
    for (int w = 0; w < writerNames.size(); w++) {
      header(body, names, writerNames.get(w), WRITER_COLUMNS.get(writerNames.get(w)));
      writerValues.get(w).addTo(body);
    }
    return new Insert(names, body);
  }

  private static Map<String, String> orderedMap(String... namesAndTypes) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      map.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** What precedes a column's values: its name and its type. */
  private static void header(List<Buffer> body, List<String> names, String name, String type) {
    names.add(name);
    new Bytes(64).putString(name).putString(type).addTo(body);
  }

  /** A growable byte array, handed to the HTTP client in slices of at most one insert piece, never copied. */
  private static final class Bytes {

    private byte[] bytes;
    private int length;

    Bytes(int capacity) {
      bytes = new byte[Math.max(capacity, 16)];
    }

    void put(byte[] source, int offset, int size) {
      ensure(size);
      System.arraycopy(source, offset, bytes, length, size);
      length += size;
    }

    void putLong(long value) {
      ensure(8);
      LONG_LE.set(bytes, length, value);
      length += 8;
    }

    void putShort(int value) {
      ensure(2);
      SHORT_LE.set(bytes, length, (short) value);
      length += 2;
    }

    Bytes putVarint(int value) {
      ensure(5);
      while ((value & ~0x7F) != 0) {
        bytes[length++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      bytes[length++] = (byte) value;
      return this;
    }

    Bytes putString(String ascii) {
      byte[] text = ascii.getBytes(StandardCharsets.UTF_8);
      putVarint(text.length);
      put(text, 0, text.length);
      return this;
    }

    void addTo(List<Buffer> body) {
      for (int start = 0; start < length; start += ClickHouseClient.INSERT_PIECE_BYTES) {
        int size = Math.min(ClickHouseClient.INSERT_PIECE_BYTES, length - start);
        body.add(
            Buffer.newInstance(
                io.vertx.core.buffer.Buffer.buffer(Unpooled.wrappedBuffer(bytes, start, size))));
      }
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}
