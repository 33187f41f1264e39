package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.kafka.KafkaClients;
import dev.appmetrics.ingest.config.IngestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Drains topics into their ClickHouse tables (one consumer group, one thread; {@link Writers} runs one for metrics and
 * one for spans, logs and errors): a batch closes at a size or an age, goes through the {@link StoredRowFilter} and
 * the {@link TableInserter} (one INSERT per table), and its offsets are committed only after ClickHouse acknowledged
 * it. While ClickHouse is down the same batch is retried and nothing more is read, so memory stays bounded by one
 * batch; Kafka keeps the backlog.
 *
 * <p>The loop is blocking by nature (the Kafka consumer is), so it owns a dedicated thread, never the event loop.
 */
final class BatchConsumer {

  private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

  private final String name;
  private final String consumerGroup;

  /** Where each topic's records go. */
  private final Map<String, Destination> destinations;

  private final IngestConfig.Writer config;
  private final String bootstrapServers;
  private final StoredRowFilter storedRows;
  private final TableInserter inserter;
  private final DeadLetters deadLetters;
  private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
  private volatile boolean running = true;

  /** True while a batch waits for ClickHouse: nothing new may be read meanwhile. */
  private boolean retrying;

  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  BatchConsumer(
      String name,
      String consumerGroup,
      Map<String, Destination> destinations,
      IngestConfig.Writer config,
      String bootstrapServers,
      StoredRowFilter storedRows,
      TableInserter inserter,
      DeadLetters deadLetters) {
    this.name = name;
    this.consumerGroup = consumerGroup;
    this.destinations = Map.copyOf(destinations);
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.storedRows = storedRows;
    this.inserter = inserter;
    this.deadLetters = deadLetters;
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
    try {
      while (running) {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties())) {
          consumer = kafka;
          kafka.subscribe(List.copyOf(destinations.keySet()), new Rebalance());
          consume(kafka);
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          LOG.errorf(
              e,
              "The ClickHouse writer %s failed; restarting from the last committed offsets",
              name);
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
      long pollMillis =
          batch.isEmpty() ? 500 : Math.max(0, config.batchTime().toMillis() - waited / 1_000_000);
      for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(pollMillis))) {
        if (batch.isEmpty()) {
          batchStarted = System.nanoTime();
        }
        batch.add(record);
      }
      boolean old =
          !batch.isEmpty() && System.nanoTime() - batchStarted >= config.batchTime().toNanos();
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
        deadLetters.send(
            record, destinations.get(record.topic()), "unreadable event: not a JSON object");
      } else {
        rows.add(new Row(record));
      }
    }
    kafka.pause(kafka.assignment());
    try {
      boolean stored = false;
      while (!stored && running) {
        try {
          // One INSERT per table; on a retry, the lookup of stored rows skips what an earlier
          // attempt stored.
          for (Map.Entry<String, List<Row>> topic :
              rows.stream().collect(Collectors.groupingBy(Row::topic)).entrySet()) {
            Destination destination = destinations.get(topic.getKey());
            inserter.insertOrDeadLetter(
                destination, storedRows.withoutStoredRows(destination, topic.getValue()));
          }
          stored = true;
        } catch (RuntimeException e) {
          // The insert may or may not have landed: look before the next attempt.
          storedRows.doubt(
              batch.stream().map(r -> new TopicPartition(r.topic(), r.partition())).toList());
          LOG.warnf(
              "ClickHouse unavailable (%s); retrying %d rows in %s",
              e.getMessage(), rows.size(), config.retryBackoff());
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
  private static void unread(
      KafkaConsumer<String, byte[]> kafka, Iterable<ConsumerRecord<String, byte[]>> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      first.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
    }
    first.forEach(kafka::seek);
    kafka.pause(first.keySet());
  }

  private void commit(KafkaConsumer<String, byte[]> kafka) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      offsets.merge(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    batch.clear();
    while (running) {
      try {
        kafka.commitSync(offsets);
        return;
      } catch (RetriableException e) {
        LOG.warnf("Committing offsets failed (%s); retrying", e.getMessage());
        sleep(config.retryBackoff());
      } catch (KafkaException e) {
        // Rebalanced away: the rows are stored; the partition's next owner finds them by their
        // offsets and skips them.
        LOG.warnf(
            "Offsets not committed (%s); the next owner of the partitions skips the stored rows",
            e.getMessage());
        return;
      }
    }
  }

  private Properties consumerProperties() {
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        String.valueOf(Math.min(config.batchSize(), 10_000)));
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return properties;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs inside poll on the writer thread, so it may touch the batch without locks. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Not yet inserted: the partitions' next owner reads these records again from the committed
      // offsets.
      batch.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
      storedRows.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // A previous owner may have inserted rows past the committed offsets before it stopped.
      storedRows.doubt(partitions);
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
