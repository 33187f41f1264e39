package dev.appmetrics.monitor.definition;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A stored monitor: its JSON {@link MonitorSpec}, the scheduling columns replicas compete for, and its health, which
 * only the statement ending an evaluation writes ({@code Leases}), so saving a monitor never overwrites it.
 */
@Entity
@Table(name = "monitors")
public class Monitor extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id")
  public long organizationId;

  public String name;

  public String spec;

  public boolean enabled;

  @Column(name = "interval_seconds")
  public int intervalSeconds;

  @Column(name = "next_evaluation_at")
  public Instant nextEvaluationAt;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** Set when the monitor was deleted: it is kept so its issues keep their history, and hidden from the API. */
  @Column(name = "deleted_at")
  public Instant deletedAt;

  /** A {@link MonitorState} wire name; the column's default for a new monitor. */
  @Column(name = "state", insertable = false, updatable = false)
  public String state = MonitorState.OK.wireName();

  @Column(name = "last_evaluated_at", insertable = false, updatable = false)
  public Instant lastEvaluatedAt;

  @Column(name = "last_value", insertable = false, updatable = false)
  public Double lastValue;

  @Column(name = "last_error", insertable = false, updatable = false)
  public String lastError;

  @Column(name = "consecutive_failures", insertable = false, updatable = false)
  public int consecutiveFailures;

  /** What the API shows: a disabled monitor is DISABLED whatever its last evaluation said. */
  public MonitorState currentState() {
    return enabled ? MonitorState.fromWireName(state) : MonitorState.DISABLED;
  }
}
