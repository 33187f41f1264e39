package dev.appmetrics.ingest.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.appmetrics.ingest.event.Attributes;

/**
 * A row of one trace table as it travels on Kafka: Jackson writes exactly the table's columns (minus the Kafka
 * position), so the writer streams the record to ClickHouse as it is. Times are epoch milliseconds; the DateTime
 * columns get epoch seconds, which ClickHouse reads independently of its time zone.
 */
public sealed interface TraceRow permits SpanRow, LogRow, ErrorRow {

  @JsonIgnore
  TraceTable table();

  long organizationId();

  long projectId();

  String traceId();

  /** The row's time in milliseconds: a span's start, a log's or an error's timestamp. */
  @JsonIgnore
  long timeMs();

  /** The custom attributes (errors have none: their table keeps the exception instead). */
  @JsonIgnore
  Attributes attributes();

  @JsonIgnore
  long receivedAtMs();

  @JsonProperty("timestamp")
  default long timestampSeconds() {
    return Math.floorDiv(timeMs(), 1000);
  }

  @JsonProperty("received_at")
  default long receivedAtSeconds() {
    return Math.floorDiv(receivedAtMs(), 1000);
  }
}
