package dev.appmetrics.ingest.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.appmetrics.common.event.MetricEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes events as JSONEachRow lines of the metric_events table. Times go as epoch seconds, which ClickHouse reads
 * independently of the server's time zone; kafka_partition and kafka_offset say where the row came from.
 */
final class RowFormatter {

  private static final JsonFactory JSON = new JsonFactory();

  private RowFormatter() {}

  static void write(MetricEvent event, int partition, long offset, ByteArrayOutputStream out) {
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
      row.writeNumberField("kafka_partition", partition);
      row.writeNumberField("kafka_offset", offset);
      row.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
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
