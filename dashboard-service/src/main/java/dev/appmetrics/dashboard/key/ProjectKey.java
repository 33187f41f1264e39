package dev.appmetrics.dashboard.key;

import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A DSN key of a project. The public key is not a secret (SDKs ship it to browsers), so reads show it in full. */
@Entity
@Table(name = "project_key")
public class ProjectKey extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id")
  public long organizationId;

  @Column(name = "project_id")
  public long projectId;

  @Column(name = "public_key")
  public String publicKey;

  public String label;

  @Column(name = "rate_limit_per_second")
  public int rateLimitPerSecond;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  public ProjectKeyGrant grant() {
    return new ProjectKeyGrant(
        publicKey, projectId, organizationId, rateLimitPerSecond, revokedAt == null);
  }
}
