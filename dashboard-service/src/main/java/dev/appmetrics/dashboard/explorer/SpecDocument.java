package dev.appmetrics.dashboard.explorer;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
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

  @Version
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The HQL condition for a case-insensitive substring search on the name; pairs with {@link #namePattern}. */
  public static final String NAME_SEARCH = "organizationId = ?1 and lower(name) like ?2 escape '\\'";

  /** A LIKE pattern matching names that contain {@code search}, with LIKE's wildcards taken literally. */
  public static String namePattern(String search) {
    String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
