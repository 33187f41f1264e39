package dev.appmetrics.ingest.event;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.RowColumn.Layout;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The wire form of a {@link MetricEvent} on Kafka: one byte {@link #ROW_BINARY}, then the event as a row of
 * ClickHouse's RowBinary format over {@link #COLUMNS}, the columns of the metric_events table except the ones the
 * writer adds (kafka_partition, kafka_offset and the retention classes). The writer then only moves each column's
 * bytes into a Native block, with no number printed or parsed on either side, which costs ClickHouse about half what
 * JSONEachRow did (docs/ingest.md). Times are epoch seconds and milliseconds, independent of any time zone.
 */
public final class MetricEventRow {

  /** The first byte of a binary row; a JSON row (what earlier versions wrote) starts with '{'. */
  public static final byte ROW_BINARY = 1;

  /** The row's columns in the order they are written. */
  public static final List<RowColumn> COLUMNS =
      List.of(
          RowColumn.of("organization_id", "UInt64", Layout.FIXED8),
          RowColumn.of("project_id", "UInt64", Layout.FIXED8),
          RowColumn.of("metric_name", "String", Layout.STRING),
          RowColumn.enum8(
              "metric_kind", Arrays.stream(MetricKind.values()).map(MetricKind::wireName).toList()),
          RowColumn.of("unit", "String", Layout.STRING),
          RowColumn.of("timestamp", "DateTime", Layout.FIXED4),
          RowColumn.of("timestamp_ms", "Int64", Layout.FIXED8),
          RowColumn.of("value", "Float64", Layout.FIXED8),
          RowColumn.of("client_sample_rate", "Float64", Layout.FIXED8),
          RowColumn.of("trace_id", "String", Layout.STRING),
          RowColumn.of("span_id", "String", Layout.STRING),
          RowColumn.of("attr_string_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_string_values", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_int_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_int_values", "Array(Int64)", Layout.ARRAY_OF_FIXED8),
          RowColumn.of("attr_double_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_double_values", "Array(Float64)", Layout.ARRAY_OF_FIXED8),
          RowColumn.of("attr_bool_keys", "Array(String)", Layout.ARRAY_OF_STRING),
          RowColumn.of("attr_bool_values", "Array(UInt8)", Layout.ARRAY_OF_FIXED1),
          RowColumn.of("received_at", "DateTime", Layout.FIXED4));

  /** One growable buffer per thread: an event is written into it, then copied out at its exact size. */
  private static final ThreadLocal<RowBinaryBuffer> ROWS =
      ThreadLocal.withInitial(() -> new RowBinaryBuffer(1024));

  private MetricEventRow() {}

  /** The event as {@link #ROW_BINARY} and one RowBinary row of {@link #COLUMNS}. */
  public static byte[] encode(MetricEvent event) {
    RowBinaryBuffer row = ROWS.get().reset();
    row.fixed1(ROW_BINARY);
    row.fixed8(event.organizationId()).fixed8(event.projectId());
    row.string(event.name()).fixed1(event.kind().ordinal() + 1).string(event.unit());
    row.fixed4((int) Math.floorDiv(event.timestampMillis(), 1000)).fixed8(event.timestampMillis());
    row.fixed8(event.value()).fixed8(event.clientSampleRate());
    row.string(event.traceId()).string(event.spanId());
    // Keys and values come from one iteration order of the same map, so the parallel arrays stay
    // aligned.
    Attributes attributes = event.attributes();
    strings(row, attributes.strings().keySet());
    strings(row, attributes.strings().values());
    strings(row, attributes.integers().keySet()).varint(attributes.integers().size());
    attributes.integers().values().forEach(row::fixed8);
    strings(row, attributes.doubles().keySet()).varint(attributes.doubles().size());
    attributes.doubles().values().forEach(row::fixed8);
    strings(row, attributes.booleans().keySet()).varint(attributes.booleans().size());
    attributes.booleans().values().forEach(value -> row.fixed1(value ? 1 : 0));
    row.fixed4((int) Math.floorDiv(event.receivedAtMillis(), 1000));
    return row.toByteArray();
  }

  private static RowBinaryBuffer strings(RowBinaryBuffer row, Collection<String> texts) {
    row.varint(texts.size());
    texts.forEach(row::string);
    return row;
  }
}
