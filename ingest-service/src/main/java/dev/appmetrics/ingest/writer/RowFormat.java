package dev.appmetrics.ingest.writer;

import dev.appmetrics.ingest.event.MetricEventRow;
import java.util.Optional;

/** The forms a record's row takes on Kafka, each stored with an INSERT of its own format. */
enum RowFormat {
  /** A JSON object whose fields are the table's columns: spans, logs, errors, and metric events of earlier versions. */
  JSON,
  /** A binary row ({@link MetricEventRow}), for a table that declares its binary columns: inserted as Native. */
  ROW_BINARY;

  /** The form of a record's value, or empty when it has neither and goes to the dead-letter topic. */
  static Optional<RowFormat> of(byte[] value, Destination destination) {
    if (value == null || value.length < 2) {
      return Optional.empty();
    }
    if (value[0] == '{' && value[value.length - 1] == '}') {
      return Optional.of(JSON);
    }
    return !destination.binaryColumns().isEmpty()
            && BinaryRows.readable(value, destination.binaryColumns())
        ? Optional.of(ROW_BINARY)
        : Optional.empty();
  }
}
