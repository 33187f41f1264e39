package dev.appmetrics.monitor.notification;

import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.common.kafka.Topics.TopicSpec;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Hands notifications to the delivery workers through Kafka, so evaluation never waits for a receiver. Records are
 * keyed by channel, so one channel's notifications (a PagerDuty trigger, then its resolve) stay in order.
 */
@ApplicationScoped
public class NotificationPublisher {

  private static final int PARTITIONS = 6;

  private final MutinyEmitter<Notification> emitter;
  private final Topics topics;

  public NotificationPublisher(@Channel("notifications-out") MutinyEmitter<Notification> emitter, Topics topics) {
    this.emitter = emitter;
    this.topics = topics;
  }

  /** The topic exists before the consumer and the first evaluation need it. */
  void createTopic(@Observes @Priority(1) StartupEvent event) {
    topics.ensure(Set.of(new TopicSpec(Notification.TOPIC, PARTITIONS, (short) 1, Map.of())));
  }

  /** Completes when Kafka acknowledged the record. */
  public Uni<Void> publish(Notification notification) {
    OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
        .withKey(Long.toString(notification.channelId())).build();
    return emitter.sendMessage(Message.of(notification).addMetadata(key));
  }

  public Uni<Void> publishAll(List<Notification> notifications) {
    return Multi.createFrom().iterable(notifications).onItem().transformToUniAndConcatenate(this::publish)
        .collect().asList().replaceWithVoid();
  }
}
