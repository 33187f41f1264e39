package dev.appmetrics.common.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The wire form of a {@link MetricEvent} on Kafka: one JSON object whose fields are the columns of ClickHouse's
 * metric_events table, except the two the writer knows (kafka_partition, kafka_offset). The writer then only appends
 * those to each record and streams the bytes to ClickHouse as JSONEachRow, instead of decoding and re-encoding every
 * event. Times are epoch seconds and milliseconds, which ClickHouse reads independently of its time zone.
 */
public final class MetricEventRow {

  private static final JsonFactory JSON = new JsonFactory();

  private MetricEventRow() {}

  /** The event as one JSON object ending in '}', with no trailing whitespace. */
  public static byte[] encode(MetricEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator row = JSON.createGenerator(out)) {
      row.writeStartObject();
      row.writeNumberField("organization_id", event.organizationId());
      row.writeNumberField("project_id", event.projectId());
      row.writeStringField("metric_name", event.name());
      row.writeStringField("metric_kind", event.kind().wireName());
      row.writeStringField("unit", event.unit());
      row.writeNumberField("timestamp", Math.floorDiv(event.timestampMillis(), 1000));
      row.writeNumberField("timestamp_ms", event.timestampMillis());
      row.writeNumberField("value", event.value());
      row.writeNumberField("client_sample_rate", event.clientSampleRate());
      row.writeStringField("trace_id", event.traceId());
      row.writeStringField("span_id", event.spanId());
      var attributes = event.attributes();
      writeStrings(row, attributes.strings());
      keys(row, "attr_int_keys", attributes.integers());
      row.writeArrayFieldStart("attr_int_values");
      for (long value : attributes.integers().values()) {
        row.writeNumber(value);
      }
      row.writeEndArray();
      keys(row, "attr_double_keys", attributes.doubles());
      row.writeArrayFieldStart("attr_double_values");
      for (double value : attributes.doubles().values()) {
        row.writeNumber(value);
      }
      row.writeEndArray();
      keys(row, "attr_bool_keys", attributes.booleans());
      row.writeArrayFieldStart("attr_bool_values");
      for (boolean value : attributes.booleans().values()) {
        row.writeNumber(value ? 1 : 0);
      }
      row.writeEndArray();
      row.writeNumberField("received_at", Math.floorDiv(event.receivedAtMillis(), 1000));
      row.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Keys and values come from one iteration order of the same map, so the parallel arrays stay aligned. */
  private static void writeStrings(JsonGenerator row, Map<String, String> strings) throws IOException {
    keys(row, "attr_string_keys", strings);
    row.writeArrayFieldStart("attr_string_values");
    for (String value : strings.values()) {
      row.writeString(value);
    }
    row.writeEndArray();
  }

  private static void keys(JsonGenerator row, String field, Map<String, ?> map) throws IOException {
    row.writeArrayFieldStart(field);
    for (String key : map.keySet()) {
      row.writeString(key);
    }
    row.writeEndArray();
  }
}
