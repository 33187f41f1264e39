package dev.appmetrics.ingest.writer;

import dev.appmetrics.ingest.config.IngestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Stores one closed batch of a {@link BatchConsumer} exactly once: records that are no row ({@link RowFormat}) go to
 * the DLQ, the rest through the {@link StoredRowFilter} and the {@link TableInserter} (one INSERT per table and run of
 * one row format), retried while ClickHouse is unavailable, and only then are the batch's offsets committed. While it
 * retries, the partitions stay paused and are polled with a zero timeout, so the consumer keeps its place in the group
 * without reading anything.
 */
final class BatchFlusher {

  private static final Logger LOG = Logger.getLogger(BatchFlusher.class);

  /** Where each topic's records go. */
  private final Map<String, Destination> destinations;

  private final IngestConfig.Writer config;
  private final StoredRowFilter storedRows;
  private final TableInserter inserter;
  private final DeadLetters deadLetters;

  /** False once the writer stops: retries end, and an unstored batch stays uncommitted. */
  private final BooleanSupplier running;

  /** True while a batch waits for ClickHouse: nothing new may be read meanwhile. */
  private boolean retrying;

  BatchFlusher(
      Map<String, Destination> destinations,
      IngestConfig.Writer config,
      StoredRowFilter storedRows,
      TableInserter inserter,
      DeadLetters deadLetters,
      BooleanSupplier running) {
    this.destinations = destinations;
    this.config = config;
    this.storedRows = storedRows;
    this.inserter = inserter;
    this.deadLetters = deadLetters;
    this.running = running;
  }

  /** Whether partitions assigned now must stay paused until the batch is stored. */
  boolean retrying() {
    return retrying;
  }

  /** Insert (retrying while ClickHouse is unavailable), dead-letter refused rows, then commit: one batch, once. */
  void flush(KafkaConsumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> batch) {
    List<Row> rows = new ArrayList<>(batch.size());
    for (ConsumerRecord<String, byte[]> record : batch) {
      Destination destination = destinations.get(record.topic());
      RowFormat.of(record.value(), destination)
          .ifPresentOrElse(
              format -> rows.add(new Row(record, format)),
              () ->
                  deadLetters.send(
                      record,
                      destination,
                      "unreadable event: neither a JSON object nor a binary row of "
                          + destination.table()));
    }
    kafka.pause(kafka.assignment());
    try {
      boolean stored = false;
      while (!stored && running.getAsBoolean()) {
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
          backOff();
          // Polling paused partitions keeps this consumer in its group without reading anything.
          retrying = true;
          unread(kafka, kafka.poll(Duration.ZERO));
          rows.removeIf(row -> !kafka.assignment().contains(row.partition()));
        }
      }
      if (stored) {
        commit(kafka, batch);
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

  private void commit(
      KafkaConsumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> batch) {
    // A partition's records come in offset order, in runs: each run's last record moves its
    // partition's offset.
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      ConsumerRecord<String, byte[]> record = batch.get(i);
      if (i + 1 == batch.size() || !Row.samePartition(record, batch.get(i + 1))) {
        offsets.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      }
    }
    batch.clear();
    while (running.getAsBoolean()) {
      try {
        kafka.commitSync(offsets);
        return;
      } catch (RetriableException e) {
        LOG.warnf("Committing offsets failed (%s); retrying", e.getMessage());
        backOff();
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

  /** Waits the writer's retry backoff (an interrupt ends the wait and stays set). */
  void backOff() {
    try {
      Thread.sleep(config.retryBackoff().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
