package dev.appmetrics.ingest.writer;

import dev.appmetrics.ingest.event.MetricEvent;

/**
 * A topic's table, the millisecond time column that, with the Kafka position, recognises a stored row, and the
 * table's dead-letter topic for the rows ClickHouse refuses. {@code downsampled}: the table feeds downsampled tiers
 * through views, so its rows also carry the project's downsampled retention class.
 */
record Destination(String table, String timeColumn, String deadLetterTopic, boolean downsampled) {

  static final Destination METRIC_EVENTS =
      new Destination("metric_events", "timestamp_ms", MetricEvent.DEAD_LETTER_TOPIC, true);
}
