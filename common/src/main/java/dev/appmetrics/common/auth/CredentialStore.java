package dev.appmetrics.common.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.kafka.KafkaClients;
import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.common.kafka.Topics.TopicSpec;
import dev.appmetrics.common.retention.Retention;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every service's local copy of projects, DSN keys and API tokens, read from the compacted topic
 * {@value Grants#TOPIC} from its beginning and then followed, so credentials are verified locally and a
 * revocation reaches every service within the consumer's poll interval (well under a second).
 */
@ApplicationScoped
public class CredentialStore {

  private static final Logger LOG = Logger.getLogger(CredentialStore.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<Long, ProjectGrant> projects = new ConcurrentHashMap<>();
  private final Map<String, ProjectKeyGrant> keys = new ConcurrentHashMap<>();
  private final Map<String, TokenGrant> tokens = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final ObjectMapper json;
  private final Topics topics;
  private final String bootstrapServers;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running = true;

  public CredentialStore(
      ObjectMapper json,
      Topics topics,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.json = json;
    this.topics = topics;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    startFollowing();
  }

  void stop(@Observes ShutdownEvent event) {
    stopFollowing();
  }

  /**
   * Starts reading the topic from its beginning on a daemon thread. The container does this at start-up; a test can
   * build a second store and follow the topic as another service would, to see what really travelled.
   */
  public void startFollowing() {
    topics.ensure(
        Set.of(
            new TopicSpec(
                Grants.TOPIC,
                1,
                (short) 1,
                Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"))));
    Thread follower = new Thread(this::follow, "credential-store");
    follower.setDaemon(true);
    follower.start();
  }

  public void stopFollowing() {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /** True once everything on the topic at start-up has been read; readiness waits for it. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** Waits for the first catch-up, for tests and for start-up ordering. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Optional<ProjectGrant> project(long projectId) {
    return Optional.ofNullable(projects.get(projectId)).filter(ProjectGrant::active);
  }

  /**
   * The retention class to stamp on a project's rows: its grant's, or the default for a project not (or no longer)
   * known here, whose rows are kept rather than lost to a guess.
   */
  public int retentionDays(long projectId) {
    ProjectGrant grant = projects.get(projectId);
    return Retention.orDefault(grant == null ? 0 : grant.retentionDays());
  }

  /** The retention class of the project's downsampled tiers, chosen as {@link #retentionDays} is. */
  public int downsampledRetentionDays(long projectId) {
    ProjectGrant grant = projects.get(projectId);
    return Retention.downsampledOrDefault(grant == null ? 0 : grant.downsampledRetentionDays());
  }

  /** An organization is known here through its active projects; a service may act only for a known one. */
  public boolean hasOrganization(long organizationId) {
    return projects.values().stream()
        .anyMatch(p -> p.active() && p.organizationId() == organizationId);
  }

  public Optional<ProjectKeyGrant> projectKey(String publicKey) {
    return Optional.ofNullable(keys.get(publicKey)).filter(ProjectKeyGrant::active);
  }

  public Optional<TokenGrant> token(String rawToken) {
    return Optional.ofNullable(tokens.get(TokenHash.sha256(rawToken))).filter(TokenGrant::active);
  }

  /** Applies one record of the topic; also used by dashboard-service to see its own writes at once. */
  public void apply(String key, String value) {
    try {
      int slash = key.indexOf('/');
      String kind = slash < 0 ? key : key.substring(0, slash);
      String id = key.substring(slash + 1);
      switch (kind) {
        case "project" -> put(projects, Long.parseLong(id), value, ProjectGrant.class);
        case "key" -> put(keys, id, value, ProjectKeyGrant.class);
        case "token" -> put(tokens, id, value, TokenGrant.class);
        default -> LOG.warnf("Ignoring record with unknown key kind on %s: %s", Grants.TOPIC, kind);
      }
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "Ignoring unreadable record on %s with key %s", Grants.TOPIC, key);
    }
  }

  private <K, V> void put(Map<K, V> map, K id, String value, Class<V> type) throws IOException {
    if (value == null) {
      map.remove(id);
    } else {
      map.put(id, json.readValue(value, type));
    }
  }

  private void follow() {
    Properties properties = KafkaClients.properties(ConfigProvider.getConfig(), bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    while (running) {
      try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties)) {
        consumer = kafka;
        List<TopicPartition> partitions =
            kafka.partitionsFor(Grants.TOPIC).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        while (running) {
          for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
            apply(record.key(), record.value());
          }
          if (!isCaughtUp()
              && end.entrySet().stream()
                  .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
            LOG.infof(
                "Credentials loaded: %d projects, %d keys, %d tokens",
                projects.size(), keys.size(), tokens.size());
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.errorf(e, "Reading %s failed; retrying in 1 s", Grants.TOPIC);
        sleepQuietly();
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
