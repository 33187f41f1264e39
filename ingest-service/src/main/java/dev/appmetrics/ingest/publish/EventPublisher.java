package dev.appmetrics.ingest.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.kafka.KafkaClients;
import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.common.kafka.Topics.TopicSpec;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.event.MetricEvent;
import dev.appmetrics.ingest.event.MetricEventRow;
import dev.appmetrics.ingest.trace.TraceRow;
import dev.appmetrics.ingest.trace.TraceTable;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes canonical metric events on {@value MetricEvent#TOPIC} and spans, logs and errors on their tables' topics
 * ({@link TraceTable}), keyed by project, with an idempotent producer and {@code acks=all}. The returned Uni
 * completes only when the broker acknowledged every record of the request, which is when ingest may answer the
 * client.
 */
@ApplicationScoped
public class EventPublisher {

  private final Topics topics;
  private final IngestConfig config;
  private final ObjectMapper json;
  private final String bootstrapServers;
  private KafkaProducer<String, byte[]> producer;

  public EventPublisher(
      Topics topics,
      IngestConfig config,
      ObjectMapper json,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.topics = topics;
    this.json = json;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    // The local broker's replication; appmetrics.kafka.topics.replication-factor sets a cluster's
    // (Topics).
    short replication = 1;
    Set<TopicSpec> specs =
        new HashSet<>(
            Set.of(
                new TopicSpec(
                    config.topic().name(), config.topic().partitions(), replication, Map.of()),
                new TopicSpec(MetricEvent.DEAD_LETTER_TOPIC, 1, replication, Map.of())));
    for (TraceTable table : TraceTable.values()) {
      specs.add(
          new TopicSpec(
              table.topic(config.topic().tracesPrefix()),
              config.topic().partitions(),
              replication,
              Map.of()));
      specs.add(
          new TopicSpec(
              table.deadLetterTopic(config.topic().tracesPrefix()), 1, replication, Map.of()));
    }
    topics.ensure(specs);
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Many small requests share one Kafka batch: a few milliseconds of latency buy most of the
    // throughput.
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.topic().compression());
    // A broker restart is retried within this bound; past it the client gets 503 and retries
    // itself.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  void stop(@Observes ShutdownEvent event) {
    if (producer != null) {
      producer.close();
    }
  }

  /**
   * Sends the events and rows and completes after the last acknowledgement, or fails with the first error. Sending
   * may block (metadata, a full buffer), so it runs on a worker thread, never on the event loop.
   */
  public Uni<Void> publish(List<MetricEvent> events, List<TraceRow> rows) {
    if (events.isEmpty() && rows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String topic = config.topic().name();
    String tracesPrefix = config.topic().tracesPrefix();
    return Uni.createFrom()
        .<Void>emitter(
            emitter -> {
              AtomicInteger pending = new AtomicInteger(events.size() + rows.size());
              AtomicReference<Exception> failure = new AtomicReference<>();
              Callback acknowledged =
                  (metadata, error) -> {
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
                  };
              try {
                for (MetricEvent event : events) {
                  producer.send(
                      new ProducerRecord<>(
                          topic, Long.toString(event.projectId()), MetricEventRow.encode(event)),
                      acknowledged);
                }
                for (TraceRow row : rows) {
                  producer.send(
                      new ProducerRecord<>(
                          row.table().topic(tracesPrefix),
                          Long.toString(row.projectId()),
                          json.writeValueAsBytes(row)),
                      acknowledged);
                }
              } catch (JsonProcessingException e) {
                emitter.fail(new IllegalStateException("A trace row could not be encoded", e));
              } catch (RuntimeException e) {
                // The buffer stayed full or metadata never came: fail now; later callbacks find the
                // Uni already failed.
                emitter.fail(new KafkaUnavailableException(e));
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
