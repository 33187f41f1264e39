package dev.appmetrics.monitor.notification;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Hands notifications to the delivery workers through Kafka (only {@link OutboxRelay} calls it), so evaluation never
 * waits for a receiver. Records are
 * keyed by channel, so one channel's notifications (a PagerDuty trigger, then its resolve) stay in order.
 */
@ApplicationScoped
public class NotificationPublisher {

  private final MutinyEmitter<Notification> emitter;

  public NotificationPublisher(@Channel("notifications-out") MutinyEmitter<Notification> emitter) {
    this.emitter = emitter;
  }

  /** Completes when Kafka acknowledged the record. */
  public Uni<Void> publish(Notification notification) {
    OutgoingKafkaRecordMetadata<String> key =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(Long.toString(notification.channelId()))
            .build();
    return emitter.sendMessage(Message.of(notification).addMetadata(key));
  }
}
