package dev.appmetrics.monitor.silence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notification a silence kept from its channels (once per issue, event and severity). */
@Entity
@Table(name = "held_notifications")
public class HeldNotification extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id")
  public long organizationId;

  @Column(name = "silence_id")
  public long silenceId;

  @Column(name = "issue_id")
  public long issueId;

  @Column(name = "monitor_id")
  public long monitorId;

  @Column(name = "group_key")
  public String groupKey;

  public String event;

  public String severity;

  public String message;

  @Column(name = "held_at")
  public Instant heldAt;
}
