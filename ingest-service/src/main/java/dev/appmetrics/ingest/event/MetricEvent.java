package dev.appmetrics.ingest.event;

import dev.appmetrics.common.event.MetricKind;

/**
 * The canonical metric event on the Kafka topic {@value #TOPIC}, whatever protocol it arrived in.
 * Keyed by project id on Kafka, so one project's events stay ordered within a partition; the value is
 * {@link MetricEventRow#encode}, the event as a row of ClickHouse's metric_events table.
 *
 * @param timestampMillis when the value was recorded, epoch milliseconds
 * @param clientSampleRate the SDK's sample rate in (0, 1]; each event weighs 1 / rate in aggregates
 * @param spanId empty when the SDK did not send one
 * @param receivedAtMillis when ingest-service accepted the event, epoch milliseconds
 */
public record MetricEvent(
    long organizationId,
    long projectId,
    String name,
    MetricKind kind,
    double value,
    String unit,
    long timestampMillis,
    String traceId,
    String spanId,
    double clientSampleRate,
    Attributes attributes,
    long receivedAtMillis) {

  public static final String TOPIC = "metrics.events";
  public static final String DEAD_LETTER_TOPIC = "metrics.events.dlq";
}
