package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseException;
import io.micrometer.core.instrument.Counter;
import io.vertx.mutiny.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One INSERT of a table's rows per run of one row format: JSONEachRow for JSON rows, Native for binary ones ({@link
 * NativeBlock}). If ClickHouse refuses the data, halves are tried until each refused row is alone, and that row goes
 * to the DLQ with ClickHouse's reason; any other failure propagates and the caller retries the batch.
 */
final class TableInserter {

  /** ClickHouse error codes that mean "this data is wrong", not "the server is unwell": such rows go to the DLQ. */
  private static final Set<Integer> DATA_ERRORS =
      Set.of(6, 26, 27, 36, 38, 41, 49, 53, 69, 70, 72, 117);

  private static final byte[] PARTITION_FIELD =
      ",\"kafka_partition\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OFFSET_FIELD =
      ",\"kafka_offset\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RETENTION_FIELD =
      ",\"retention_days\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOWNSAMPLED_RETENTION_FIELD =
      ",\"downsampled_retention_days\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROW_END = "}\n".getBytes(StandardCharsets.US_ASCII);

  /** At most what insert appends to a record: the four fields with their longest values. */
  private static final int ROW_SUFFIX_BYTES = 160;

  private final WriterClickHouse clickHouse;
  private final DeadLetters deadLetters;
  private final Counter inserted;
  private final RetentionClasses retention;

  TableInserter(
      WriterClickHouse clickHouse,
      DeadLetters deadLetters,
      Counter inserted,
      RetentionClasses retention) {
    this.clickHouse = clickHouse;
    this.deadLetters = deadLetters;
    this.inserted = inserted;
    this.retention = retention;
  }

  void insertOrDeadLetter(Destination destination, List<Row> rows) {
    for (List<Row> run : runs(rows)) {
      insertOrHalve(destination, run.get(0).format(), run);
    }
  }

  /**
   * The batch cut where the row format changes, in batch order: one INSERT per run. Records of an earlier version
   * (JSON) share a batch with binary ones only while an upgrade drains them. Keeping the order keeps what an
   * interrupted batch stored a run from its start, in each partition its lowest offsets, which the {@link
   * StoredRowFilter} relies on when it stops doubting a partition at the first row not yet stored.
   */
  static List<List<Row>> runs(List<Row> rows) {
    List<List<Row>> runs = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= rows.size(); i++) {
      if (i == rows.size() || rows.get(i).format() != rows.get(start).format()) {
        runs.add(rows.subList(start, i));
        start = i;
      }
    }
    return runs;
  }

  private void insertOrHalve(Destination destination, RowFormat format, List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      if (format == RowFormat.ROW_BINARY) {
        NativeBlock.Insert insert = NativeBlock.of(destination, rows, retention);
        clickHouse.insertNative(destination.table(), insert.columns(), insert.body());
      } else {
        insertJson(destination, rows);
      }
      inserted.increment(rows.size());
    } catch (ClickHouseException e) {
      if (!isDataError(e)) {
        throw e;
      }
      if (rows.size() == 1) {
        deadLetters.send(
            rows.get(0).record(), destination, "ClickHouse refused the row: " + e.getMessage());
        return;
      }
      int half = rows.size() / 2;
      insertOrHalve(destination, format, rows.subList(0, half));
      insertOrHalve(destination, format, rows.subList(half, rows.size()));
    }
  }

  /** A 4xx is the request's fault; a 5xx is the data's only when ClickHouse's code says so. */
  static boolean isDataError(ClickHouseException e) {
    if (e.httpStatus() >= 400 && e.httpStatus() < 500) {
      return true;
    }
    return e.code().isPresent() && DATA_ERRORS.contains(e.code().getAsInt());
  }

  /**
   * Each JSON record already is a row of its table (TraceRow, or MetricEventRow before it was binary): only its Kafka
   * position and its project's retention classes (the project is the record's key) are appended before the closing
   * brace. The rows go straight into the request's pieces: a batch is tens of megabytes, and every extra copy of it
   * is GC work.
   */
  private void insertJson(Destination destination, List<Row> rows) {
    List<Buffer> pieces = new ArrayList<>();
    Buffer out = Buffer.buffer(ClickHouseClient.INSERT_PIECE_BYTES);
    Function<String, RetentionClasses.Classes> classesOfKey = retention.forOneInsert();
    for (Row row : rows) {
      byte[] value = row.value();
      if (out.length() > 0
          && out.length() + value.length + ROW_SUFFIX_BYTES > ClickHouseClient.INSERT_PIECE_BYTES) {
        pieces.add(out);
        out = Buffer.buffer(ClickHouseClient.INSERT_PIECE_BYTES);
      }
      RetentionClasses.Classes classes = classesOfKey.apply(row.record().key());
      out.appendBytes(value, 0, value.length - 1)
          .appendBytes(PARTITION_FIELD)
          .appendString(Integer.toString(row.record().partition()))
          .appendBytes(OFFSET_FIELD)
          .appendString(Long.toString(row.record().offset()))
          .appendBytes(RETENTION_FIELD)
          .appendString(Integer.toString(classes.days()));
      if (destination.downsampled()) {
        out.appendBytes(DOWNSAMPLED_RETENTION_FIELD)
            .appendString(Integer.toString(classes.downsampledDays()));
      }
      out.appendBytes(ROW_END);
    }
    pieces.add(out);
    clickHouse.insertJsonEachRow(destination.table(), pieces);
  }
}
