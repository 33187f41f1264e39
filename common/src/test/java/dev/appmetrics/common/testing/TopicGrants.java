package dev.appmetrics.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Grants;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes grants to {@value Grants#TOPIC} with a producer of its own, as dashboard-service does from its own process.
 * Unlike {@link GrantPublisher} it does not touch the local credential store, so a test sees exactly what the service
 * under test learned from the topic.
 */
public final class TopicGrants implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final KafkaProducer<String, String> producer;

  public TopicGrants(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  public void publish(Grants.ProjectGrant grant) throws Exception {
    send(grant.topicKey(), grant);
  }

  public void publish(Grants.ProjectKeyGrant grant) throws Exception {
    send(grant.topicKey(), grant);
  }

  public void publish(Grants.TokenGrant grant) throws Exception {
    send(grant.topicKey(), grant);
  }

  /** Returns the value written, once the broker acknowledged it. */
  String send(String key, Object grant) throws Exception {
    String value = json.writeValueAsString(grant);
    producer.send(new ProducerRecord<>(Grants.TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    return value;
  }

  @Override
  public void close() {
    producer.close();
  }
}
