package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.MetricEvent;
import dev.appmetrics.ingest.event.MetricEventRow;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.trace.SpanRow;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Rows ClickHouse refuses, and records that are not rows at all, go to their table's dead-letter topic with a reason;
 * their neighbours are stored.
 */
@QuarkusTest
class DeadLetterTest {

  private static final String SPANS_DEAD_LETTER_TOPIC = "traces.spans.dlq";

  @Inject StoredEvents stored;

  @Inject ObjectMapper json;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void sendsRefusedRowsToTheDeadLetterTopicWithTheReasonAndStoresTheRest() throws Exception {
    long projectId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    long now = System.currentTimeMillis();
    byte[] valid = binaryRow(1, projectId, now, 1, Attributes.EMPTY);
    // A row of an earlier version (JSON) is still stored...
    byte[] validJson = jsonRow(1, projectId, now, 2, "");
    // ...and a negative organization id passes JSON but not ClickHouse's UInt64 column.
    byte[] refused = jsonRow(-5, projectId, now, 3, "");
    byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
    // A binary row with an unknown kind: ClickHouse would store it, then fail every read of it.
    byte[] unknownKind = binaryRow(1, projectId, now, 4, Attributes.EMPTY);
    unknownKind[kindOffset(unknownKind)] = 9;
    byte[] truncated = Arrays.copyOf(valid, valid.length - 1);
    Map<TopicPartition, Long> dlqEnd = endOffsets(MetricEvent.DEAD_LETTER_TOPIC);
    Map<TopicPartition, Long> spansDlqEnd = endOffsets(SPANS_DEAD_LETTER_TOPIC);
    send(
        MetricEvent.TOPIC,
        projectId,
        List.of(valid, validJson, refused, garbage, unknownKind, truncated));

    List<JsonNode> rows = stored.await(projectId, 2);
    assertEquals(
        List.of(1L, 2L), rows.stream().map(r -> r.get("value").asLong()).sorted().toList());
    Map<String, String> reasons = letters(dlqEnd, projectId, 4);
    assertTrue(
        reasons.get(text(refused)).startsWith("ClickHouse refused the row"),
        reasons.get(text(refused)));
    for (byte[] unreadable : List.of(garbage, unknownKind, truncated)) {
      assertTrue(
          reasons.get(text(unreadable)).startsWith("unreadable event"),
          reasons.get(text(unreadable)));
    }
    assertEquals(2, stored.count(projectId), "the refused and unreadable rows are not stored");
    assertEquals(
        Map.of(),
        letters(spansDlqEnd, projectId, 0),
        "a metric event's letters stay out of the spans' topic");
  }

  /**
   * A batch of megabytes travels to ClickHouse in many pieces (ClickHouseClient.INSERT_PIECE_BYTES), binary rows as
   * one Native block and rows of an earlier version as JSONEachRow: every row of every piece is stored once, and a
   * refused row in the middle is still found by halving and sent to the DLQ alone. The refused row is JSON: a binary
   * row that passes the writer's check has no value ClickHouse refuses (BinaryRowsTests holds the check).
   */
  @Test
  void storesEveryRowOfABatchLargerThanOneInsertPieceAndDeadLettersTheRefusedOne()
      throws Exception {
    long projectId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    long now = System.currentTimeMillis();
    // About 1.5 KB per row: 2,000 rows are some 3 MB, a dozen pieces.
    String padding = "p".repeat(1200);
    List<byte[]> values = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      values.add(
          i % 2 == 0
              ? binaryRow(
                  1,
                  projectId,
                  now,
                  i,
                  new Attributes(
                      Map.of("padding", padding), Map.of("i", (long) i), Map.of(), Map.of()))
              : jsonRow(1, projectId, now, i, padding));
    }
    byte[] refused = jsonRow(-5, projectId, now, 1_000_000, padding);
    values.add(1000, refused);
    Map<TopicPartition, Long> dlqEnd = endOffsets(MetricEvent.DEAD_LETTER_TOPIC);
    send(MetricEvent.TOPIC, projectId, values);

    Map<String, String> reasons = letters(dlqEnd, projectId, 1);
    assertTrue(
        reasons.get(text(refused)).startsWith("ClickHouse refused the row"),
        reasons.get(text(refused)));
    List<JsonNode> rows = stored.await(projectId, 2000);
    assertEquals(2000, rows.size(), "every valid row once");
    assertEquals(
        2000L * 2001 / 2,
        rows.stream().mapToLong(r -> r.get("value").asLong()).sum(),
        "every value intact");
    assertTrue(
        rows.stream().allMatch(r -> r.get("attr_string_values").get(0).asText().length() == 1200));
    assertTrue(
        rows.stream()
            .filter(r -> r.get("value").asLong() % 2 == 0)
            .allMatch(r -> r.get("attr_int_values").get(0).asLong() == r.get("value").asLong()),
        "each binary row's arrays stay with their row");
  }

  /** Each table has its dead-letter topic: a refused span goes to traces.spans.dlq, not to the metrics' one. */
  @Test
  void sendsRefusedSpansToTheSpansDeadLetterTopic() throws Exception {
    long projectId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    long now = System.currentTimeMillis();
    byte[] valid = span(1, projectId, now);
    byte[] refused = span(-5, projectId, now);
    byte[] garbage = "not a span".getBytes(StandardCharsets.UTF_8);
    Map<TopicPartition, Long> spansDlqEnd = endOffsets(SPANS_DEAD_LETTER_TOPIC);
    Map<TopicPartition, Long> metricsDlqEnd = endOffsets(MetricEvent.DEAD_LETTER_TOPIC);
    send("traces.spans", projectId, List.of(valid, refused, garbage));

    assertEquals(1, stored.await("spans", projectId, 1).size());
    Map<String, String> reasons = letters(spansDlqEnd, projectId, 2);
    assertTrue(
        reasons.get(text(refused)).startsWith("ClickHouse refused the row"),
        reasons.get(text(refused)));
    assertTrue(
        reasons.get(text(garbage)).startsWith("unreadable event"), reasons.get(text(garbage)));
    assertEquals(1, stored.count("spans", projectId), "the refused span is not stored");
    assertEquals(
        Map.of(),
        letters(metricsDlqEnd, projectId, 0),
        "a span's letters stay out of the metrics' topic");
  }

  private byte[] span(long organizationId, long projectId, long now) throws Exception {
    String traceId = "%032x".formatted(projectId);
    String spanId = "%016x".formatted(now);
    return json.writeValueAsBytes(
        new SpanRow(
            organizationId,
            projectId,
            traceId,
            spanId,
            "",
            spanId,
            true,
            "http",
            "GET /",
            "ok",
            "/",
            "1.0",
            "test",
            now,
            now + 5,
            5.0,
            Attributes.EMPTY,
            now));
  }

  /** All at once, so that the writer reads them in as few batches as it can. */
  private void send(String topic, long projectId, List<byte[]> values) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (byte[] value : values) {
        sent.add(producer.send(new ProducerRecord<>(topic, Long.toString(projectId), value)));
      }
      for (Future<RecordMetadata> acknowledged : sent) {
        acknowledged.get();
      }
    }
  }

  /**
   * The letters of the project written after {@code from}, by value with their reason: waits for {@code expected}
   * of them, or with none expected reads what the topic holds up to its end now.
   */
  private Map<String, String> letters(
      Map<TopicPartition, Long> from, long projectId, int expected) {
    Map<String, String> reasons = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(500))) {
                  if (Long.toString(projectId).equals(record.key())) {
                    reasons.put(
                        text(record.value()),
                        new String(
                            record.headers().lastHeader("reason").value(), StandardCharsets.UTF_8));
                  }
                }
                return expected > 0
                    ? reasons.size() == expected
                    : end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }
    return reasons;
  }

  /** A value as map key: one char per byte, so binary rows compare exactly. */
  private static String text(byte[] value) {
    return new String(value, StandardCharsets.ISO_8859_1);
  }

  private static byte[] binaryRow(
      long organizationId, long projectId, long now, double value, Attributes attributes) {
    return MetricEventRow.encode(
        new MetricEvent(
            organizationId,
            projectId,
            "dlq.test",
            MetricKind.GAUGE,
            value,
            "",
            now,
            "",
            "",
            1,
            attributes,
            now));
  }

  /** Where the kind's byte is: after the format byte, the two ids and the name "dlq.test" with its length. */
  private static int kindOffset(byte[] row) {
    assertEquals("dlq.test", new String(row, 18, 8, StandardCharsets.UTF_8));
    return 26;
  }

  /** A row as earlier versions wrote it: a JSON object of the table's columns. */
  private byte[] jsonRow(
      long organizationId, long projectId, long now, double value, String padding)
      throws Exception {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", organizationId);
    row.put("project_id", projectId);
    row.put("metric_name", "dlq.test");
    row.put("metric_kind", "gauge");
    row.put("timestamp", now / 1000);
    row.put("timestamp_ms", now);
    row.put("value", value);
    row.put("attr_string_keys", padding.isEmpty() ? List.of() : List.of("padding"));
    row.put("attr_string_values", padding.isEmpty() ? List.of() : List.of(padding));
    row.put("received_at", now / 1000);
    return json.writeValueAsBytes(row);
  }

  private Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toList());
      return consumer.endOffsets(partitions);
    }
  }

  private Properties producerProperties() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return properties;
  }

  private Properties consumerProperties() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return properties;
  }
}
