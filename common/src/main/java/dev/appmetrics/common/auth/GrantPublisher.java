package dev.appmetrics.common.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes grants to {@value Grants#TOPIC} and waits for the broker's acknowledgement, so a caller that was told
 * "created" or "revoked" can rely on every service seeing it. dashboard-service is the one writer in production;
 * tests of the other services use it to set up their credentials on the real topic.
 */
@ApplicationScoped
public class GrantPublisher {

  private final ObjectMapper json;
  private final CredentialStore localStore;
  private final String bootstrapServers;
  private KafkaProducer<String, String> producer;

  public GrantPublisher(ObjectMapper json, CredentialStore localStore,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.json = json;
    this.localStore = localStore;
    this.bootstrapServers = bootstrapServers;
  }

  public void publish(ProjectGrant grant) {
    send(grant.topicKey(), grant);
  }

  public void publish(ProjectKeyGrant grant) {
    send(grant.topicKey(), grant);
  }

  public void publish(TokenGrant grant) {
    send(grant.topicKey(), grant);
  }

  private void send(String key, Object grant) {
    String value;
    try {
      value = json.writeValueAsString(grant);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialize " + grant, e);
    }
    try {
      producer().send(new ProducerRecord<>(Grants.TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the grant " + key + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing " + key, e);
    }
    // The publishing service sees its own write at once instead of a poll later.
    localStore.apply(key, value);
  }

  private synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties properties = new Properties();
      properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
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
