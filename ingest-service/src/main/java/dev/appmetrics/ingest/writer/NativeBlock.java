package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.ingest.event.RowBinaryBuffer;
import dev.appmetrics.ingest.event.RowColumn;
import dev.appmetrics.ingest.event.RowColumn.Layout;
import io.netty.buffer.Unpooled;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
    RowBinaryBuffer[] data = new RowBinaryBuffer[columns.size()];
    RowBinaryBuffer[] offsets = new RowBinaryBuffer[columns.size()];
    long[] ends = new long[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Layout layout = columns.get(c).layout();
      data[c] =
          new RowBinaryBuffer(count * (layout.width == 0 || layout.array() ? 16 : layout.width));
      offsets[c] = layout.array() ? new RowBinaryBuffer(count * 8) : null;
    }
    RowBinaryBuffer partitions = new RowBinaryBuffer(count * 2);
    RowBinaryBuffer kafkaOffsets = new RowBinaryBuffer(count * 8);
    RowBinaryBuffer retentionDays = new RowBinaryBuffer(count * 2);
    RowBinaryBuffer downsampledDays = new RowBinaryBuffer(count * 2);
    Function<String, RetentionClasses.Classes> classesOfKey = retention.forOneInsert();
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
          offsets[c].fixed8(ends[c]);
          position += BinaryRows.varintSize(elements);
        }
        data[c].bytes(value, position, end - position);
        position = end;
      }
      RetentionClasses.Classes classes = classesOfKey.apply(row.record().key());
      partitions.fixed2(row.record().partition());
      kafkaOffsets.fixed8(row.record().offset());
      retentionDays.fixed2(classes.days());
      downsampledDays.fixed2(classes.downsampledDays());
    }

    List<RowBinaryBuffer> writerValues =
        List.of(partitions, kafkaOffsets, retentionDays, downsampledDays);
    List<String> writerNames =
        List.copyOf(WRITER_COLUMNS.keySet()).subList(0, destination.downsampled() ? 4 : 3);
    List<String> names = new ArrayList<>();
    List<Buffer> body = new ArrayList<>();
    addTo(body, new RowBinaryBuffer(16).varint(columns.size() + writerNames.size()).varint(count));
    for (int c = 0; c < columns.size(); c++) {
      RowColumn column = columns.get(c);
      header(body, names, column.name(), column.type());
      if (offsets[c] != null) {
        addTo(body, offsets[c]);
      }
      addTo(body, data[c]);
    }
    for (int w = 0; w < writerNames.size(); w++) {
      header(body, names, writerNames.get(w), WRITER_COLUMNS.get(writerNames.get(w)));
      addTo(body, writerValues.get(w));
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
    addTo(body, new RowBinaryBuffer(64).string(name).string(type));
  }

  /** The buffer's bytes in slices of at most one insert piece, wrapped, not copied (a fresh buffer per insert). */
  private static void addTo(List<Buffer> body, RowBinaryBuffer bytes) {
    for (int start = 0; start < bytes.length(); start += ClickHouseClient.INSERT_PIECE_BYTES) {
      int size = Math.min(ClickHouseClient.INSERT_PIECE_BYTES, bytes.length() - start);
      body.add(
          Buffer.newInstance(
              io.vertx.core.buffer.Buffer.buffer(
                  Unpooled.wrappedBuffer(bytes.array(), start, size))));
    }
  }
}
