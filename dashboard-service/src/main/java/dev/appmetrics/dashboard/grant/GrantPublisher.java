package dev.appmetrics.dashboard.grant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants;
import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.common.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes grants to {@value Grants#TOPIC} and waits for the broker's acknowledgement, so a caller that was told
 * "created" or "revoked" can rely on every service seeing it. dashboard-service is the one writer; the other
 * services' tests set up their credentials with common's test-jar ({@code common.testing.GrantPublisher}).
 */
@ApplicationScoped
class GrantPublisher {

  private final ObjectMapper json;
  private final CredentialStore localStore;
  private final String bootstrapServers;
  private KafkaProducer<String, String> producer;

  GrantPublisher(
      ObjectMapper json,
      CredentialStore localStore,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.json = json;
    this.localStore = localStore;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Writes several grants in order and returns once the broker acknowledged all of them (one round trip for the
   * batch instead of one per grant, for re-publishing everything at start-up). Blocks: call it off the event loop.
   */
  void publishAll(List<? extends Grant> grants) {
    List<ProducerRecord<String, String>> records =
        grants.stream()
            .map(grant -> new ProducerRecord<>(Grants.TOPIC, grant.topicKey(), serialize(grant)))
            .toList();
    List<Future<RecordMetadata>> acks = records.stream().map(producer()::send).toList();
    for (int i = 0; i < acks.size(); i++) {
      await(acks.get(i), records.get(i).key());
    }
    // The publishing service sees its own writes at once instead of a poll later.
    records.forEach(r -> localStore.apply(r.key(), r.value()));
  }

  private String serialize(Object grant) {
    try {
      return json.writeValueAsString(grant);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialize " + grant, e);
    }
  }

  private static void await(Future<RecordMetadata> ack, String key) {
    try {
      ack.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not acknowledge the grant " + key + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing " + key, e);
    }
  }

  private synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      properties.put(
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(properties);
    }
    return producer;
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
