package dev.appmetrics.ingest.publish;

import dev.appmetrics.common.event.MetricEvent;
import dev.appmetrics.common.event.MetricEventRow;
import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.common.kafka.Topics.TopicSpec;
import dev.appmetrics.ingest.config.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes canonical events on {@value MetricEvent#TOPIC}, keyed by project, with an idempotent producer and
 * {@code acks=all}. The returned Uni completes only when the broker acknowledged every event of the request,
 * which is when ingest may answer the client.
 */
@ApplicationScoped
public class EventPublisher {

  private final Topics topics;
  private final IngestConfig config;
  private final String bootstrapServers;
  private KafkaProducer<String, byte[]> producer;

  public EventPublisher(Topics topics, IngestConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.topics = topics;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    short replication = config.topic().replicationFactor();
    topics.ensure(Set.of(
        new TopicSpec(config.topic().name(), config.topic().partitions(), replication, Map.of()),
        new TopicSpec(MetricEvent.DEAD_LETTER_TOPIC, 1, replication, Map.of())));
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Many small requests share one Kafka batch: a few milliseconds of latency buy most of the throughput.
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.topic().compression());
    // A broker restart is retried within this bound; past it the client gets 503 and retries itself.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  void stop(@Observes ShutdownEvent event) {
    if (producer != null) {
      producer.close();
    }
  }

  /**
   * Sends the events and completes after the last acknowledgement, or fails with the first error. Sending may block
   * (metadata, a full buffer), so it runs on a worker thread, never on the event loop.
   */
  public Uni<Void> publish(List<MetricEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String topic = config.topic().name();
    return Uni.createFrom().<Void>emitter(emitter -> {
      AtomicInteger pending = new AtomicInteger(events.size());
      AtomicReference<Exception> failure = new AtomicReference<>();
      for (MetricEvent event : events) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic,
            Long.toString(event.projectId()), MetricEventRow.encode(event));
        try {
          producer.send(record, (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
            if (pending.decrementAndGet() == 0) {
              if (failure.get() == null) {
                emitter.complete(null);
              } else {
                emitter.fail(new KafkaUnavailableException(failure.get()));
              }
            }
          });
        } catch (RuntimeException e) {
          // The buffer stayed full or metadata never came: fail now; later callbacks find the Uni already failed.
          emitter.fail(new KafkaUnavailableException(e));
          return;
        }
      }
    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
