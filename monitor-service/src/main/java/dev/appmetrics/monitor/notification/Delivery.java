package dev.appmetrics.monitor.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the delivery log: a notification to one channel, its attempts and its outcome. */
@Entity
@Table(name = "deliveries")
public class Delivery extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "notification_id")
  public String notificationId;

  @Column(name = "organization_id")
  public long organizationId;

  @Column(name = "channel_id")
  public long channelId;

  @Column(name = "issue_id")
  public Long issueId;

  public String event;

  public String status;

  public int attempts;

  @Column(name = "response_status")
  public Integer responseStatus;

  public String error;

  /** The notification as JSON, so any replica can resume a delivery whose replica died. */
  public String payload;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  /** The replica delivering it keeps this ahead of its next step; a pending delivery past it is resumed. */
  @Column(name = "locked_until")
  public Instant lockedUntil;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
