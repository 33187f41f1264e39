package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.detection.Severity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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

  /** {@code lastValue} in its unit as the evaluation that read it worded it ("2.12 s"); null when none did. */
  @Column(name = "last_value_text")
  public String lastValueText;

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

  /** The severity of the last trigger channels were sent; null while none was. */
  @Column(name = "paged_severity")
  public String pagedSeverity;

  /** When channels last heard a trigger or reminder: reminders are due {@code remindEvery} after it. */
  @Column(name = "paged_at")
  public Instant pagedAt;

  /** The channels a trigger reached, comma-separated: the ones its resolve goes to. */
  @Column(name = "paged_channels")
  public String pagedChannels;

  public Severity severityLevel() {
    return Severity.valueOf(severity.toUpperCase(Locale.ROOT));
  }

  public List<Long> pagedChannelIds() {
    return pagedChannels == null || pagedChannels.isEmpty()
        ? List.of()
        : Arrays.stream(pagedChannels.split(",")).map(Long::valueOf).toList();
  }

  void addPagedChannels(List<Long> channels) {
    Set<Long> all = new LinkedHashSet<>(pagedChannelIds());
    all.addAll(channels);
    pagedChannels = all.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  public boolean isOpen() {
    return IssueStatus.fromWireName(status) != IssueStatus.RESOLVED;
  }

  /** Whether channels hear about this issue now: not muted and not snoozed. */
  public boolean notifies(Instant now) {
    return !muted && (snoozedUntil == null || !snoozedUntil.isAfter(now));
  }
}
