package dev.appmetrics.dashboard.document;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * What saved queries and dashboards have in common: an organization's named JSON spec with a version that makes
 * concurrent edits fail loudly instead of overwriting each other.
 */
@MappedSuperclass
public abstract class SpecDocument {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "organization_id", nullable = false)
  public long organizationId;

  @Column(nullable = false, length = 200)
  public String name;

  /** Validated JSON text; PostgreSQL keeps it as jsonb. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String spec;

  @Version public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
