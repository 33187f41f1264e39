package dev.appmetrics.monitor.issue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A monitor's issue for one group (the group's attribute values as canonical JSON in {@code groupKey}). */
@Entity
@Table(name = "issues")
public class Issue extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id")
  public long organizationId;

  @Column(name = "monitor_id")
  public long monitorId;

  @Column(name = "group_key")
  public String groupKey;

  public String status;

  public String severity;

  /** Consecutive breaching evaluations so far. */
  public int breaches;

  @Column(name = "last_value")
  public Double lastValue;

  /** Stable for the issue's life: PagerDuty's dedup_key, so trigger and resolve meet. */
  @Column(name = "dedup_key")
  public String dedupKey;

  public boolean muted;

  @Column(name = "snoozed_until")
  public Instant snoozedUntil;

  @Column(name = "opened_at")
  public Instant openedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  /** Whether channels hear about this issue now: not muted and not snoozed. */
  public boolean notifies(Instant now) {
    return !muted && (snoozedUntil == null || !snoozedUntil.isAfter(now));
  }
}
