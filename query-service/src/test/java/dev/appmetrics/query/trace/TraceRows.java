package dev.appmetrics.query.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import io.vertx.mutiny.core.buffer.Buffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Rows of spans, logs and errors as the ingest side will write them, inserted straight into the test database. */
final class TraceRows {

  private TraceRows() {}

  static String randomTraceId() {
    return String.format(
        "%016x%016x",
        ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong());
  }

  static String randomSpanId() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  record SpanRow(
      String traceId,
      String spanId,
      String parentSpanId,
      boolean segment,
      String op,
      String description,
      String transaction,
      String release,
      String environment,
      long startMillis,
      long durationMillis) {

    Map<String, Object> row(long organization, long project) {
      Map<String, Object> row = base(organization, project, startMillis);
      row.put("trace_id", traceId);
      row.put("span_id", spanId);
      row.put("parent_span_id", parentSpanId);
      row.put("segment_id", "");
      row.put("is_segment", segment ? 1 : 0);
      row.put("op", op);
      row.put("description", description);
      row.put("status", "ok");
      row.put("transaction", transaction);
      row.put("release", release);
      row.put("environment", environment);
      row.put("start_timestamp_ms", startMillis);
      row.put("end_timestamp_ms", startMillis + durationMillis);
      row.put("duration_ms", (double) durationMillis);
      row.put("attr_string_keys", List.of("server"));
      row.put("attr_string_values", List.of("web-1"));
      row.put("attr_int_keys", List.of("rows"));
      row.put("attr_int_values", List.of(3));
      return row;
    }
  }

  record LogRow(String traceId, String spanId, long timestampMillis, String level, String body) {

    Map<String, Object> row(long organization, long project) {
      Map<String, Object> row = base(organization, project, timestampMillis);
      row.put("trace_id", traceId);
      row.put("span_id", spanId);
      row.put("timestamp_ms", timestampMillis);
      row.put("level", level);
      row.put("body", body);
      row.put("attr_bool_keys", List.of("retry"));
      row.put("attr_bool_values", List.of(1));
      return row;
    }
  }

  record ErrorRow(String traceId, String spanId, long timestampMillis, String type, String value) {

    Map<String, Object> row(long organization, long project) {
      Map<String, Object> row = base(organization, project, timestampMillis);
      row.put("event_id", "e" + timestampMillis);
      row.put("trace_id", traceId);
      row.put("span_id", spanId);
      row.put("timestamp_ms", timestampMillis);
      row.put("level", "error");
      row.put("exception_type", type);
      row.put("exception_value", value);
      row.put("frame_filenames", List.of("server.js", "checkout.js"));
      row.put("frame_functions", List.of("handle", "pay"));
      row.put("frame_lines", List.of(10, 42));
      row.put("frame_in_app", List.of(0, 1));
      row.put("release", "1.0");
      row.put("environment", "prod");
      row.put("transaction", "/checkout");
      return row;
    }
  }

  private static Map<String, Object> base(long organization, long project, long millis) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", organization);
    row.put("project_id", project);
    row.put("timestamp", Math.floorDiv(millis, 1000));
    row.put("received_at", Math.floorDiv(millis, 1000));
    return row;
  }

  static void insert(
      ClickHouseClient clickHouse, ObjectMapper json, String table, List<Map<String, Object>> rows)
      throws Exception {
    StringBuilder body = new StringBuilder();
    for (Map<String, Object> row : rows) {
      body.append(json.writeValueAsString(row)).append('\n');
    }
    clickHouse
        .insertJsonEachRow(table, List.of(Buffer.buffer(body.toString())), "query-test", Map.of())
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
