package dev.appmetrics.ingest.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseException;
import dev.appmetrics.common.event.MetricEvent;
import dev.appmetrics.common.event.MetricEventRow;
import dev.appmetrics.common.kafka.KafkaClients;
import dev.appmetrics.ingest.config.IngestConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Drains topics into their ClickHouse tables (one consumer group, one thread; {@link Writers} runs one for metrics
 * and one for spans, logs and errors): a batch closes at a size or an age, goes in one INSERT per table, and its
 * offsets are committed only after ClickHouse acknowledged it. Rows ClickHouse refuses go to
 * {@value MetricEvent#DEAD_LETTER_TOPIC} with the reason and their source topic.
 *
 * <p>Nothing is inserted twice: after a partition is (re)assigned, or after an insert whose outcome is unknown
 * (ClickHouse went away mid-request), the rows of the next batch are first looked up by their kafka_partition and
 * kafka_offset, and those already stored are skipped. While ClickHouse is down the writer retries the same batch and
 * reads nothing more, so memory stays bounded by one batch; Kafka keeps the backlog.
 *
 * <p>The loop is blocking by nature (the Kafka consumer is), so it owns a dedicated thread, never the event loop.
 */
public class ClickHouseWriter {

  private static final Logger LOG = Logger.getLogger(ClickHouseWriter.class);
  static final String METRIC_EVENTS = "metric_events";
  private static final String SENDER = "ingest-writer";
  private static final Duration CLICKHOUSE_TIMEOUT = Duration.ofSeconds(60);
  /** ClickHouse error codes that mean "this data is wrong", not "the server is unwell": such rows go to the DLQ. */
  private static final Set<Integer> DATA_ERRORS = Set.of(6, 26, 27, 36, 38, 41, 49, 53, 69, 70, 72, 117);
  private static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)");
  private static final byte[] PARTITION_FIELD = ",\"kafka_partition\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OFFSET_FIELD = ",\"kafka_offset\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROW_END = "}\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FIELD_NAMED_FORM = "{\"organizationId\"".getBytes(StandardCharsets.US_ASCII);

  private final ClickHouseClient clickHouse;
  private final ObjectMapper json;
  private final IngestConfig.Writer config;
  private final String name;
  private final String consumerGroup;
  /** Where each topic's records go. */
  private final Map<String, Destination> destinations;
  private final String bootstrapServers;
  private final Counter inserted;
  private final Counter deadLettered;
  private final Counter duplicatesSkipped;
  /** Partitions whose next rows may already be in ClickHouse; their rows are looked up before inserting. */
  private final Set<TopicPartition> uncertain = new HashSet<>();
  private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
  private volatile boolean running = true;
  /** True while a batch waits for ClickHouse: nothing new may be read meanwhile. */
  private boolean retrying;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<String, byte[]> deadLetters;
  private Thread thread;

  /** A topic's table, and the millisecond time column that, with the Kafka position, recognises a stored row. */
  record Destination(String table, String timeColumn) {}

  ClickHouseWriter(String name, String consumerGroup, Map<String, Destination> destinations, ClickHouseClient clickHouse,
      ObjectMapper json, IngestConfig.Writer config, MeterRegistry registry, String bootstrapServers) {
    this.name = name;
    this.consumerGroup = consumerGroup;
    this.destinations = Map.copyOf(destinations);
    this.clickHouse = clickHouse;
    this.json = json;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.inserted = registry.counter("appmetrics.writer.rows", "outcome", "inserted");
    this.deadLettered = registry.counter("appmetrics.writer.rows", "outcome", "dead_lettered");
    this.duplicatesSkipped = registry.counter("appmetrics.writer.rows", "outcome", "duplicate_skipped");
  }

  void start() {
    thread = new Thread(this::run, name);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      thread.join(Duration.ofSeconds(30).toMillis());
    }
  }

  private void run() {
    deadLetters = new KafkaProducer<>(producerProperties());
    try {
      while (running) {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties())) {
          consumer = kafka;
          kafka.subscribe(List.copyOf(destinations.keySet()), new Rebalance());
          consume(kafka);
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          LOG.errorf(e, "The ClickHouse writer %s failed; restarting from the last committed offsets", name);
          batch.clear();
          sleep(config.retryBackoff());
        }
      }
    } finally {
      deadLetters.close();
    }
  }

  private void consume(KafkaConsumer<String, byte[]> kafka) {
    long batchStarted = 0;
    while (running) {
      long waited = batch.isEmpty() ? 0 : System.nanoTime() - batchStarted;
      long pollMillis = batch.isEmpty() ? 500 : Math.max(0, config.batchTime().toMillis() - waited / 1_000_000);
      for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(pollMillis))) {
        if (batch.isEmpty()) {
          batchStarted = System.nanoTime();
        }
        batch.add(record);
      }
      boolean old = !batch.isEmpty() && System.nanoTime() - batchStarted >= config.batchTime().toNanos();
      if (batch.size() >= config.batchSize() || old) {
        flush(kafka);
      }
    }
  }

  /** Insert (retrying while ClickHouse is unavailable), dead-letter refused rows, then commit: one batch, once. */
  private void flush(KafkaConsumer<String, byte[]> kafka) {
    List<Row> rows = new ArrayList<>(batch.size());
    for (ConsumerRecord<String, byte[]> record : batch) {
      byte[] value = record.value();
      if (value == null || value.length < 2 || value[0] != '{' || value[value.length - 1] != '}') {
        deadLetter(record, "unreadable event: not a JSON object");
      } else if (destinations.get(record.topic()).table().equals(METRIC_EVENTS) && startsWith(value, FIELD_NAMED_FORM)) {
        rows.add(fromFieldNamedForm(record));
      } else {
        rows.add(new Row(record, value));
      }
    }
    kafka.pause(kafka.assignment());
    try {
      boolean stored = false;
      while (!stored && running) {
        try {
          // One INSERT per table; on a retry, the lookup of stored rows skips what an earlier attempt stored.
          for (Map.Entry<String, List<Row>> topic : rows.stream().collect(Collectors.groupingBy(Row::topic)).entrySet()) {
            Destination destination = destinations.get(topic.getKey());
            insertOrDeadLetter(destination, withoutStoredRows(destination, topic.getValue()));
          }
          stored = true;
        } catch (RuntimeException e) {
          // The insert may or may not have landed: look before the next attempt.
          batch.forEach(r -> uncertain.add(new TopicPartition(r.topic(), r.partition())));
          LOG.warnf("ClickHouse unavailable (%s); retrying %d rows in %s", e.getMessage(), rows.size(), config.retryBackoff());
          sleep(config.retryBackoff());
          // Polling paused partitions keeps this consumer in its group without reading anything.
          retrying = true;
          unread(kafka, kafka.poll(Duration.ZERO));
          rows.removeIf(row -> !kafka.assignment().contains(row.partition()));
        }
      }
      if (stored) {
        commit(kafka);
      }
    } finally {
      retrying = false;
      kafka.resume(kafka.assignment());
    }
  }

  /** Records a poll returned while the batch waited go back to Kafka: they are read again after the batch. */
  private static void unread(KafkaConsumer<String, byte[]> kafka, Iterable<ConsumerRecord<String, byte[]>> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
    }
    first.forEach(kafka::seek);
    kafka.pause(first.keySet());
  }

  private void commit(KafkaConsumer<String, byte[]> kafka) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      offsets.merge(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    batch.clear();
    while (running) {
      try {
        kafka.commitSync(offsets);
        return;
      } catch (org.apache.kafka.common.errors.RetriableException e) {
        LOG.warnf("Committing offsets failed (%s); retrying", e.getMessage());
        sleep(config.retryBackoff());
      } catch (KafkaException e) {
        // Rebalanced away: the rows are stored; the partition's next owner finds them by their offsets and skips them.
        LOG.warnf("Offsets not committed (%s); the next owner of the partitions skips the stored rows", e.getMessage());
        return;
      }
    }
  }

  /** The rows (of one topic) in uncertain partitions that ClickHouse already holds are dropped from the batch. */
  private List<Row> withoutStoredRows(Destination destination, List<Row> rows) {
    Map<TopicPartition, List<Row>> doubtful = rows.stream().filter(r -> uncertain.contains(r.partition()))
        .collect(Collectors.groupingBy(Row::partition));
    if (doubtful.isEmpty()) {
      return rows;
    }
    Set<String> stored = new HashSet<>();
    Map<Row, String> identities = new HashMap<>();
    doubtful.values().forEach(partitionRows -> partitionRows.forEach(row ->
        identities.put(row, identity(row, destination.timeColumn()))));
    String projects = identities.values().stream().filter(id -> !id.isEmpty()).map(id -> id.split("\t")[2]).distinct()
        .collect(Collectors.joining(","));
    if (projects.isEmpty()) {
      doubtful.keySet().forEach(uncertain::remove);
      return rows;
    }
    String ranges = doubtful.entrySet().stream().map(e -> {
      long low = e.getValue().stream().mapToLong(r -> r.record().offset()).min().orElseThrow();
      long high = e.getValue().stream().mapToLong(r -> r.record().offset()).max().orElseThrow();
      return "(kafka_partition = " + e.getKey().partition() + " AND kafka_offset BETWEEN " + low + " AND " + high + ")";
    }).collect(Collectors.joining(" OR "));
    String sql = "SELECT kafka_partition, kafka_offset, project_id, " + destination.timeColumn() + " FROM "
        + destination.table()
        + " WHERE project_id IN (" + projects + ") AND (" + ranges + ") FORMAT TabSeparated";
    String answer = clickHouse.query(sql, SENDER, Map.of()).await().atMost(CLICKHOUSE_TIMEOUT);
    answer.lines().filter(line -> !line.isEmpty()).forEach(stored::add);
    List<Row> remaining = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (identities.containsKey(row) && stored.contains(identities.get(row))) {
        duplicatesSkipped.increment();
      } else {
        remaining.add(row);
      }
    }
    // A partition stays uncertain while even its last row in this batch was already stored.
    doubtful.forEach((partition, partitionRows) -> {
      if (!stored.contains(identities.get(partitionRows.get(partitionRows.size() - 1)))) {
        uncertain.remove(partition);
      }
    });
    if (remaining.size() < rows.size()) {
      LOG.infof("Skipped %d rows ClickHouse already stored before a restart or a lost answer", rows.size() - remaining.size());
    }
    return remaining;
  }

  /**
   * One INSERT for the rows. If ClickHouse refuses the data, halves are tried until each refused row is alone, and
   * that row goes to the DLQ with ClickHouse's reason; other failures propagate and the batch is retried.
   */
  private void insertOrDeadLetter(Destination destination, List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      insert(destination, rows);
      inserted.increment(rows.size());
    } catch (ClickHouseException e) {
      if (!isDataError(e)) {
        throw e;
      }
      if (rows.size() == 1) {
        deadLetter(rows.get(0).record(), "ClickHouse refused the row: " + e.getMessage());
        return;
      }
      int half = rows.size() / 2;
      insertOrDeadLetter(destination, rows.subList(0, half));
      insertOrDeadLetter(destination, rows.subList(half, rows.size()));
    }
  }

  private static boolean startsWith(byte[] value, byte[] prefix) {
    return value.length >= prefix.length && java.util.Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * The first releases put MetricEvent's Jackson form on the topic; such records (kept for the topic's retention)
   * are re-encoded as rows instead of being refused.
   */
  private Row fromFieldNamedForm(ConsumerRecord<String, byte[]> record) {
    try {
      return new Row(record, MetricEventRow.encode(json.readValue(record.value(), MetricEvent.class)));
    } catch (IOException e) {
      return new Row(record, record.value());
    }
  }

  /**
   * Each record already is a row of its table (MetricEventRow, TraceRow): only its Kafka position is appended before
   * the closing brace.
   */
  private void insert(Destination destination, List<Row> rows) {
    // Straight into the request buffer: a batch is tens of megabytes, and every extra copy of it is GC work.
    Buffer out = Buffer.buffer(rows.size() * 800);
    for (Row row : rows) {
      byte[] value = row.value();
      out.appendBytes(value, 0, value.length - 1)
          .appendBytes(PARTITION_FIELD).appendString(Integer.toString(row.record().partition()))
          .appendBytes(OFFSET_FIELD).appendString(Long.toString(row.record().offset()))
          .appendBytes(ROW_END);
    }
    clickHouse.insertJsonEachRow(destination.table(), out, SENDER, Map.of())
        .await().atMost(CLICKHOUSE_TIMEOUT);
  }

  static boolean isDataError(ClickHouseException e) {
    if (e.httpStatus() >= 400 && e.httpStatus() < 500) {
      return true;
    }
    Matcher code = ERROR_CODE.matcher(e.getMessage());
    return code.find() && DATA_ERRORS.contains(Integer.parseInt(code.group(1)));
  }

  /** Waits for the DLQ's acknowledgement: the offset of a refused row is committed only once the DLQ holds it. */
  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    ProducerRecord<String, byte[]> letter = new ProducerRecord<>(MetricEvent.DEAD_LETTER_TOPIC, record.key(), record.value());
    letter.headers().add("reason", reason.getBytes(StandardCharsets.UTF_8));
    letter.headers().add("source", (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
    try {
      deadLetters.send(letter).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while dead-lettering", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("The DLQ did not acknowledge a refused row: " + e.getCause().getMessage(), e);
    }
    deadLettered.increment();
    LOG.warnf("Dead-lettered %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), reason);
  }

  private Properties consumerProperties() {
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.min(config.batchSize(), 10_000)));
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return properties;
  }

  private Properties producerProperties() {
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return properties;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * How a stored row is recognised, in the TabSeparated form of the lookup's answer; empty for a record that is not
   * readable (ClickHouse will refuse it and it goes to the DLQ). Only rows in doubt are decoded.
   */
  private String identity(Row row, String timeColumn) {
    try {
      JsonNode event = json.readTree(row.value());
      return row.record().partition() + "\t" + row.record().offset() + "\t" + event.path("project_id").asLong()
          + "\t" + event.path(timeColumn).asLong();
    } catch (IOException e) {
      return "";
    }
  }

  /** A consumed record and its value as a row of its topic's table without its Kafka position. */
  private record Row(ConsumerRecord<String, byte[]> record, byte[] value) {
    TopicPartition partition() {
      return new TopicPartition(record.topic(), record.partition());
    }

    String topic() {
      return record.topic();
    }
  }


  /** Runs inside poll on the writer thread, so it may touch the batch without locks. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Not yet inserted: the partitions' next owner reads these records again from the committed offsets.
      batch.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
      uncertain.removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // A previous owner may have inserted rows past the committed offsets before it stopped.
      uncertain.addAll(partitions);
      if (retrying) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }
}
