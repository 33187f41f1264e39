package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.kafka.KafkaClients;
import dev.appmetrics.ingest.config.IngestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Drains topics into their ClickHouse tables (one consumer group, one thread; {@link Writers} runs one for metrics and
 * one for spans, logs and errors): it polls, closes a batch at a size or an age and hands it to the {@link
 * BatchFlusher}, which stores it and only then commits its offsets; across a rebalance it drops the records of
 * revoked partitions and has the {@link StoredRowFilter} look up what a previous owner stored. While ClickHouse is
 * down the same batch is retried and nothing more is read, so memory stays bounded by one batch; Kafka keeps the
 * backlog.
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
  private final DeadLetters deadLetters;
  private final BatchFlusher flusher;
  private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
  private volatile boolean running = true;

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
    this.deadLetters = deadLetters;
    this.flusher =
        new BatchFlusher(
            this.destinations, config, storedRows, inserter, deadLetters, () -> running);
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
          flusher.backOff();
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
        flusher.flush(kafka, batch);
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
      if (flusher.retrying()) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }
}
