package dev.appmetrics.common.kafka;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * How the topics a service creates are sized on this Kafka cluster. Each {@link Topics.TopicSpec} carries the local
 * stack's default (one broker: replication 1); a production cluster sets its own here (the Helm chart's
 * {@code kafka.topics.replicationFactor} arrives as {@code APPMETRICS_KAFKA_TOPICS_REPLICATION_FACTOR}).
 */
@ConfigMapping(prefix = "appmetrics.kafka.topics")
public interface TopicsConfig {

  /** Replication factor of every topic the services create; unset: each topic's local default. */
  Optional<Short> replicationFactor();

  /** Partitions by topic name, e.g. {@code appmetrics.kafka.topics.partitions."monitor.notifications"=12}. */
  Map<String, Integer> partitions();
}
