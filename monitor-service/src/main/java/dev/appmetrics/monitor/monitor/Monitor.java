package dev.appmetrics.monitor.monitor;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored monitor: its JSON {@link MonitorSpec} plus the scheduling columns replicas compete for. */
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
}
