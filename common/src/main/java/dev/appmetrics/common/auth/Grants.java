package dev.appmetrics.common.auth;

import dev.appmetrics.common.retention.Retention;
import java.util.Set;

/**
 * What dashboard-service publishes on the compacted topic {@value #TOPIC}. The record key says what a value is:
 * {@code project/<id>}, {@code key/<publicKey>} or {@code token/<sha256 of the token>}. A tombstone (null value)
 * or {@code active = false} revokes. Raw tokens never travel: only their SHA-256.
 */
public final class Grants {

  public static final String TOPIC = "projects.config";

  private Grants() {}

  /** Any value on the topic; its key says what it is. */
  public interface Grant {
    String topicKey();

    boolean active();
  }

  /**
   * A project and the organization that owns it. {@code retentionDays} is its events' retention class and
   * {@code downsampledRetentionDays} that of their downsampled tiers ({@link Retention}); 0 in a grant published
   * before projects had them, read as the defaults.
   */
  public record ProjectGrant(
      long projectId,
      long organizationId,
      String slug,
      boolean active,
      int retentionDays,
      int downsampledRetentionDays)
      implements Grant {

    /** A project with the default retention. */
    public ProjectGrant(long projectId, long organizationId, String slug, boolean active) {
      this(
          projectId,
          organizationId,
          slug,
          active,
          Retention.DEFAULT_DAYS,
          Retention.DOWNSAMPLED_DEFAULT_DAYS);
    }

    @Override
    public String topicKey() {
      return "project/" + projectId;
    }
  }

  /** The public key of a DSN; {@code rateLimitPerSecond} of 0 means the project's default. */
  public record ProjectKeyGrant(
      String publicKey, long projectId, long organizationId, int rateLimitPerSecond, boolean active)
      implements Grant {
    @Override
    public String topicKey() {
      return "key/" + publicKey;
    }
  }

  /**
   * An API token of an organization, known by its hash. {@code name} is the one people gave it, for the records of
   * who did what; null in a grant published before tokens carried their names.
   */
  public record TokenGrant(
      String tokenHash,
      long tokenId,
      long organizationId,
      Set<Scope> scopes,
      boolean active,
      String name)
      implements Grant {
    @Override
    public String topicKey() {
      return "token/" + tokenHash;
    }

    public boolean allows(Scope scope) {
      return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
  }
}
