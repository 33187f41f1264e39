package dev.appmetrics.monitor.notification;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON deserializer of {@link Notification} records for the delivery workers' Kafka consumer. */
public class NotificationSerde extends ObjectMapperDeserializer<Notification> {

  public NotificationSerde() {
    super(Notification.class);
  }
}
