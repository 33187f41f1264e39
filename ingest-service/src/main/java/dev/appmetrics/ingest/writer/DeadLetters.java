package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.kafka.KafkaClients;
import dev.appmetrics.ingest.event.MetricEvent;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Records the writer cannot store go to their table's dead-letter topic ({@value MetricEvent#DEAD_LETTER_TOPIC},
 * {@code traces.spans.dlq}, …) with the reason and their source, so each table's refused rows can be read and
 * replayed apart.
 */
final class DeadLetters implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  private final String bootstrapServers;
  private final Counter deadLettered;

  /** Made on the writer thread at its first refused row: a writer that never dead-letters holds no producer. */
  private KafkaProducer<String, byte[]> producer;

  DeadLetters(String bootstrapServers, Counter deadLettered) {
    this.bootstrapServers = bootstrapServers;
    this.deadLettered = deadLettered;
  }

  /** Waits for the DLQ's acknowledgement: the offset of a refused row is committed only once the DLQ holds it. */
  void send(ConsumerRecord<String, byte[]> record, Destination destination, String reason) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(destination.deadLetterTopic(), record.key(), record.value());
    letter.headers().add("reason", reason.getBytes(StandardCharsets.UTF_8));
    letter
        .headers()
        .add(
            "source",
            (record.topic() + "/" + record.partition() + "/" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
    if (producer == null) {
      producer = new KafkaProducer<>(producerProperties(bootstrapServers));
    }
    try {
      producer.send(letter).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while dead-lettering", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "The DLQ did not acknowledge a refused row: " + e.getCause().getMessage(), e);
    }
    deadLettered.increment();
    LOG.warnf(
        "Dead-lettered %s/%d/%d to %s: %s",
        record.topic(), record.partition(), record.offset(), destination.deadLetterTopic(), reason);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }

  private static Properties producerProperties(String bootstrapServers) {
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return properties;
  }
}
