package dev.appmetrics.ingest.trace;

import java.util.Locale;

/**
 * The tables of trace connection, each fed by a Kafka topic of its own whose records are already rows of the table
 * (JSONEachRow, without the Kafka position the writer appends).
 *
 * @param timeColumn the row's time in milliseconds, part of how the writer recognises a row it already stored
 */
public enum TraceTable {
  SPANS("traces.spans", "start_timestamp_ms"),
  LOGS("traces.logs", "timestamp_ms"),
  ERRORS("traces.errors", "timestamp_ms");

  private final String topic;
  private final String timeColumn;

  TraceTable(String topic, String timeColumn) {
    this.topic = topic;
    this.timeColumn = timeColumn;
  }

  public String topic() {
    return topic;
  }

  public String table() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String timeColumn() {
    return timeColumn;
  }

  /** The singular a message uses: "span 3 …". */
  public String itemName() {
    return switch (this) {
      case SPANS -> "span";
      case LOGS -> "log";
      case ERRORS -> "error";
    };
  }
}
