package dev.appmetrics.monitor.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notification waiting in the outbox; the relay claims and marks rows with SQL of its own ({@link OutboxRelay}). */
@Entity
@Table(name = "notification_outbox")
class OutboxEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "notification_id")
  public String notificationId;

  @Column(name = "channel_id")
  public long channelId;

  /** The notification as JSON, exactly as it will travel on the topic. */
  public String payload;

  @Column(name = "created_at")
  public Instant createdAt;

  /** Until then no relay publishes the row: another relay holds it, or its trigger waits for its sample events. */
  @Column(name = "claimed_until")
  public Instant claimedUntil;
}
