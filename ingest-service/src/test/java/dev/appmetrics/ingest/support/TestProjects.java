package dev.appmetrics.ingest.support;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.retention.Retention;
import dev.appmetrics.common.testing.GrantPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random organizations, projects, DSN keys and tokens published on the real projects.config topic. */
@ApplicationScoped
public class TestProjects {

  private final GrantPublisher grants;

  public TestProjects(GrantPublisher grants) {
    this.grants = grants;
  }

  /** A project of a fresh organization with one DSN key. */
  public record TestProject(long organizationId, long projectId, String publicKey) {}

  public TestProject create() {
    return create(0);
  }

  public TestProject create(int rateLimitPerSecond) {
    return create(rateLimitPerSecond, Retention.DEFAULT_DAYS, Retention.DOWNSAMPLED_DEFAULT_DAYS);
  }

  /** A project whose events are kept {@code retentionDays} (one of Retention.ALLOWED_DAYS). */
  public TestProject withRetention(int retentionDays) {
    return create(0, retentionDays, Retention.DOWNSAMPLED_DEFAULT_DAYS);
  }

  /** The same, with the downsampled tiers kept {@code downsampledDays}. */
  public TestProject withRetention(int retentionDays, int downsampledDays) {
    return create(0, retentionDays, downsampledDays);
  }

  private TestProject create(int rateLimitPerSecond, int retentionDays, int downsampledDays) {
    long organizationId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    long projectId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    String key = UUID.randomUUID().toString().replace("-", "");
    grants.publish(
        new ProjectGrant(
            projectId, organizationId, "p" + projectId, true, retentionDays, downsampledDays));
    grants.publish(new ProjectKeyGrant(key, projectId, organizationId, rateLimitPerSecond, true));
    return new TestProject(organizationId, projectId, key);
  }

  /** An API token of the organization with the given scopes. */
  public String token(long organizationId, Scope... scopes) {
    String token = "amt_" + UUID.randomUUID().toString().replace("-", "");
    grants.publish(
        new TokenGrant(
            TokenHash.sha256(token),
            ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
            organizationId,
            Set.of(scopes),
            true,
            "tests"));
    return token;
  }
}
