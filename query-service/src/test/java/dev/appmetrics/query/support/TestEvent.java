package dev.appmetrics.query.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** One row of metric_events as a test writes it and as the reference computations read it. */
public record TestEvent(
    long projectId,
    String metric,
    String kind,
    String unit,
    long timestampMillis,
    double value,
    double sampleRate,
    String traceId,
    String spanId,
    Map<String, String> strings,
    Map<String, Long> integers,
    Map<String, Double> doubles,
    Map<String, Boolean> booleans) {

  public long bucketSecond() {
    return Math.floorDiv(timestampMillis, 1000);
  }

  /** The row a downsampled tier of that weight stores for this event: its sample rate divided by the weight. */
  public TestEvent inTier(int weight) {
    return new TestEvent(
        projectId,
        metric,
        kind,
        unit,
        timestampMillis,
        value,
        sampleRate / weight,
        traceId,
        spanId,
        strings,
        integers,
        doubles,
        booleans);
  }

  public double weight() {
    return 1 / sampleRate;
  }

  /** The attribute as text whatever its type, "" when absent: how a group label shows it. */
  public String text(String key) {
    if (strings.containsKey(key)) {
      return strings.get(key);
    }
    if (integers.containsKey(key)) {
      return Long.toString(integers.get(key));
    }
    if (booleans.containsKey(key)) {
      return booleans.get(key).toString();
    }
    return "";
  }

  Map<String, Object> row(long organizationId) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", organizationId);
    row.put("project_id", projectId);
    row.put("metric_name", metric);
    row.put("metric_kind", kind);
    row.put("unit", unit);
    row.put("timestamp", bucketSecond());
    row.put("timestamp_ms", timestampMillis);
    row.put("value", value);
    row.put("client_sample_rate", sampleRate);
    row.put("trace_id", traceId);
    row.put("span_id", spanId);
    row.put("attr_string_keys", strings.keySet().stream().toList());
    row.put("attr_string_values", strings.values().stream().toList());
    row.put("attr_int_keys", integers.keySet().stream().toList());
    row.put("attr_int_values", integers.values().stream().toList());
    row.put("attr_double_keys", doubles.keySet().stream().toList());
    row.put("attr_double_values", doubles.values().stream().toList());
    row.put("attr_bool_keys", booleans.keySet().stream().toList());
    row.put("attr_bool_values", booleans.values().stream().map(b -> b ? 1 : 0).toList());
    row.put("received_at", bucketSecond());
    row.put("kafka_partition", 0);
    row.put("kafka_offset", 0);
    return row;
  }
}
