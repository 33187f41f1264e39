package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.config.MonitorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where notifications are written: in the caller's transaction, beside the issue change that calls for them, so both
 * commit or neither does. {@link OutboxRelay} publishes them to Kafka afterwards. An evaluation's triggers are held
 * back (claimed) until their sample events are added ({@link #release}), at most {@code samples-wait}.
 */
@ApplicationScoped
public class Outbox {

  private static final String RELEASE =
      """
      UPDATE notification_outbox SET payload = $2, claimed_until = NULL
      WHERE notification_id = $1 AND published_at IS NULL
      """;

  private final ObjectMapper json;
  private final Pool pool;
  private final Duration samplesWait;

  public Outbox(ObjectMapper json, Pool pool, MonitorConfig config) {
    this.json = json;
    this.pool = pool;
    this.samplesWait = config.evaluation().samplesWait();
  }

  /** An evaluation's trigger or reminder, whose evidence still lacks the events behind it. */
  public static boolean waitsForSamples(Notification notification) {
    return notification.event() != Notification.Event.RESOLVE
        && notification.event() != Notification.Event.TEST
        && notification.alert().evidence() != null;
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
      entry.claimedUntil = waitsForSamples(notification) ? now.plus(samplesWait) : null;
      entries.add(entry);
    }
    return OutboxEntry.persist(entries);
  }

  /** Replaces held notifications with their completed versions and lets the relay publish them. */
  public Uni<Void> release(List<Notification> completed) {
    if (completed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(RELEASE)
        .executeBatch(completed.stream().map(n -> Tuple.of(n.id(), serialize(n))).toList())
        .replaceWithVoid();
  }

  private String serialize(Notification notification) {
    try {
      return json.writeValueAsString(notification);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Notification " + notification.id() + " cannot be written as JSON", e);
    }
  }
}
