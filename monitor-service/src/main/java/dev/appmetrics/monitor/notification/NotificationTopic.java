package dev.appmetrics.monitor.notification;

import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.common.kafka.Topics.TopicSpec;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@value Notification#TOPIC} at start-up, before the delivery consumer subscribes. A bean of its own: the
 * publisher's emitter cannot be created this early, before Reactive Messaging has wired its channels.
 */
@ApplicationScoped
public class NotificationTopic {

  /** Keyed by channel: partitions let several replicas deliver for different channels at once. */
  private static final int PARTITIONS = 6;

  private final Topics topics;

  public NotificationTopic(Topics topics) {
    this.topics = topics;
  }

  void create(@Observes @Priority(1) StartupEvent event) {
    topics.ensure(Set.of(new TopicSpec(Notification.TOPIC, PARTITIONS, (short) 1, Map.of())));
  }
}
