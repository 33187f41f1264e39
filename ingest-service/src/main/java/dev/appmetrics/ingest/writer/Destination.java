package dev.appmetrics.ingest.writer;

/** A topic's table, and the millisecond time column that, with the Kafka position, recognises a stored row. */
record Destination(String table, String timeColumn) {

  static final Destination METRIC_EVENTS = new Destination("metric_events", "timestamp_ms");
}
