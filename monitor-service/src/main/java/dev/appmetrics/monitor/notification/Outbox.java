package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where notifications are written: in the caller's transaction, beside the issue change that calls for them, so both
 * commit or neither does. {@link OutboxRelay} publishes them to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

  private final ObjectMapper json;

  public Outbox(ObjectMapper json) {
    this.json = json;
  }

  /** Adds the notifications to the current Hibernate Reactive transaction; the caller must have one open. */
  public Uni<Void> add(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant now = Instant.now();
    List<OutboxEntry> entries = new ArrayList<>();
    for (Notification notification : notifications) {
      OutboxEntry entry = new OutboxEntry();
      entry.notificationId = notification.id();
      entry.channelId = notification.channelId();
      entry.payload = serialize(notification);
      entry.createdAt = now;
      entries.add(entry);
    }
    return OutboxEntry.persist(entries);
  }

  private String serialize(Notification notification) {
    try {
      return json.writeValueAsString(notification);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Notification " + notification.id() + " cannot be written as JSON", e);
    }
  }
}
