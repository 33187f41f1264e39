package dev.appmetrics.ingest.otlp;

import com.google.protobuf.ByteString;
import dev.appmetrics.ingest.event.Attributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** OTLP's ids, times and attributes as every signal (metrics, traces, logs) stores them. */
final class OtlpAttributes {

  private static final HexFormat HEX = HexFormat.of();

  private OtlpAttributes() {}

  /** An id in lower-case hex, empty when absent. */
  static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  /**
   * Epoch milliseconds of an OTLP time. Its nanoseconds are a fixed64, unsigned: a time past the year 2262 reads as a
   * negative long in Java; divided unsigned it stays far in the future, where the timestamp rule refuses it.
   */
  static long millis(long unixNanos) {
    return Long.divideUnsigned(unixNanos, 1_000_000);
  }

  static Map<String, AnyValue> map(List<KeyValue> attributes) {
    Map<String, AnyValue> map = new HashMap<>();
    attributes.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
    return map;
  }

  static Map<String, AnyValue> merged(Map<String, AnyValue> resource, List<KeyValue> point) {
    Map<String, AnyValue> merged = new HashMap<>(resource);
    point.forEach(kv -> merged.put(kv.getKey(), kv.getValue()));
    return merged;
  }

  static Attributes attributes(Map<String, AnyValue> values) {
    Map<String, String> strings = new HashMap<>();
    Map<String, Long> integers = new HashMap<>();
    Map<String, Double> doubles = new HashMap<>();
    Map<String, Boolean> booleans = new HashMap<>();
    values.forEach(
        (key, value) -> {
          switch (value.getValueCase()) {
            case STRING_VALUE -> strings.put(key, value.getStringValue());
            case INT_VALUE -> integers.put(key, value.getIntValue());
            case DOUBLE_VALUE -> doubles.put(key, value.getDoubleValue());
            case BOOL_VALUE -> booleans.put(key, value.getBoolValue());
            case VALUE_NOT_SET -> {}
            default -> strings.put(key, text(value));
          }
        });
    return new Attributes(strings, integers, doubles, booleans);
  }

  /** Arrays, key-value lists and bytes are kept as text, since the table stores scalar attributes. */
  static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE ->
          "\"" + value.getStringValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case ARRAY_VALUE ->
          value.getArrayValue().getValuesList().stream()
              .map(OtlpAttributes::text)
              .collect(Collectors.joining(",", "[", "]"));
      case KVLIST_VALUE ->
          value.getKvlistValue().getValuesList().stream()
              .map(kv -> "\"" + kv.getKey() + "\":" + text(kv.getValue()))
              .collect(Collectors.joining(",", "{", "}"));
      case BYTES_VALUE ->
          "\""
              + java.util.Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray())
              + "\"";
      default -> "null";
    };
  }
}
