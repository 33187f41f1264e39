package dev.appmetrics.ingest.trace;

import java.util.Locale;

/**
 * The tables of trace connection, each fed by a Kafka topic of its own ({@code <prefix>.<table>}, by default
 * {@code traces.spans}, {@code traces.logs}, {@code traces.errors}) whose records are already rows of the table
 * (JSONEachRow, without the Kafka position the writer appends).
 */
public enum TraceTable {
  SPANS("start_timestamp_ms", true),
  LOGS("timestamp_ms", false),
  ERRORS("timestamp_ms", false);

  private final String timeColumn;
  private final boolean downsampled;

  TraceTable(String timeColumn, boolean downsampled) {
    this.timeColumn = timeColumn;
    this.downsampled = downsampled;
  }

  /** Whether the table feeds downsampled tiers, so that its rows carry the downsampled retention class too. */
  public boolean downsampled() {
    return downsampled;
  }

  /** The table's topic under the configured prefix ({@code appmetrics.ingest.topic.traces-prefix}). */
  public String topic(String prefix) {
    return prefix + "." + table();
  }

  /** Where the writer sends the rows of this table that ClickHouse refused: the table's topic plus {@code .dlq}. */
  public String deadLetterTopic(String prefix) {
    return topic(prefix) + ".dlq";
  }

  public String table() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The row's time in milliseconds, part of how the writer recognises a row it already stored. */
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
