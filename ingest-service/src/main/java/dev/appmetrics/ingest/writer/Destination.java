package dev.appmetrics.ingest.writer;

import dev.appmetrics.ingest.event.MetricEvent;
import dev.appmetrics.ingest.event.MetricEventRow;
import dev.appmetrics.ingest.event.RowColumn;
import java.util.List;

/**
 * A topic's table, the millisecond time column that, with the Kafka position, recognises a stored row, and the
 * table's dead-letter topic for the rows ClickHouse refuses. {@code downsampled}: the table feeds downsampled tiers
 * through views, so its rows also carry the project's downsampled retention class. {@code binaryColumns}: the
 * columns of the table's binary rows ({@link RowFormat#ROW_BINARY}), empty for a table whose rows are JSON only.
 */
record Destination(
    String table,
    String timeColumn,
    String deadLetterTopic,
    boolean downsampled,
    List<RowColumn> binaryColumns) {

  static final Destination METRIC_EVENTS =
      new Destination(
          "metric_events",
          "timestamp_ms",
          MetricEvent.DEAD_LETTER_TOPIC,
          true,
          MetricEventRow.COLUMNS);
}
