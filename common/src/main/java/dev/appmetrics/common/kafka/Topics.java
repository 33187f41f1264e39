package dev.appmetrics.common.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the Kafka topics a service needs at start-up, idempotently: an existing topic is left as it is.
 * Topics are part of each service's migrations, not of the shell scripts.
 */
@ApplicationScoped
public class Topics {

  private static final Logger LOG = Logger.getLogger(Topics.class);

  private final String bootstrapServers;
  private final TopicsConfig config;

  public Topics(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      TopicsConfig config) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
  }

  /**
   * One topic to ensure: its name, partition count, replication factor and topic configs. The counts are the local
   * stack's defaults; {@link TopicsConfig} replaces them where configured.
   */
  public record TopicSpec(
      String name, int partitions, short replicationFactor, Map<String, String> configs) {}

  public void ensure(Set<TopicSpec> topics) {
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (TopicSpec topic : topics) {
        if (existing.contains(topic.name())) {
          continue;
        }
        int partitions = config.partitions().getOrDefault(topic.name(), topic.partitions());
        short replication = config.replicationFactor().orElse(topic.replicationFactor());
        NewTopic newTopic =
            new NewTopic(topic.name(), partitions, replication).configs(topic.configs());
        try {
          admin.createTopics(Set.of(newTopic)).all().get(30, TimeUnit.SECONDS);
          LOG.infof(
              "Created Kafka topic %s (%d partitions, replication factor %d)",
              topic.name(), partitions, replication);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot create Kafka topics on " + bootstrapServers + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating Kafka topics", e);
    }
  }
}
