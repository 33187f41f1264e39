package dev.appmetrics.dashboard.project;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.retention.Retention;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A project of an organization: what metrics are sent to, through its DSN keys. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id")
  public long organizationId;

  public String slug;

  public String name;

  @Column(name = "created_at")
  public Instant createdAt;

  /** Retention class of the project's events, in days (common's Retention.ALLOWED_DAYS). */
  @Column(name = "retention_days")
  public int retentionDays = Retention.DEFAULT_DAYS;

  /** Retention class of the downsampled tiers of its events (common's Retention.ALLOWED_DOWNSAMPLED_DAYS). */
  @Column(name = "downsampled_retention_days")
  public int downsampledRetentionDays = Retention.DOWNSAMPLED_DEFAULT_DAYS;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  public ProjectGrant grant() {
    return new ProjectGrant(
        id, organizationId, slug, deletedAt == null, retentionDays, downsampledRetentionDays);
  }

  public ProjectResponse toResponse() {
    return new ProjectResponse(
        id, organizationId, slug, name, createdAt, retentionDays, downsampledRetentionDays);
  }
}
