package dev.appmetrics.dashboard.explorer;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.testing.GrantPublisher;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh organization with one project and an API token, published on the real projects.config topic. Random
 * ids keep tests independent of each other and of other services' tests on the same broker.
 */
public record TestOrganization(long organizationId, long projectId, String token) {

  public static TestOrganization create(GrantPublisher grants, Scope... scopes) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // Below 2^53, so ids survive the browser's JSON numbers like real (BIGSERIAL) ids do.
    long organizationId = random.nextLong(1_000_000_000L, 1L << 53);
    long projectId = random.nextLong(1_000_000_000L, 1L << 53);
    String token = "test_" + UUID.randomUUID().toString().replace("-", "");
    grants.publish(new ProjectGrant(projectId, organizationId, "p-" + projectId, true));
    grants.publish(
        new TokenGrant(
            TokenHash.sha256(token),
            random.nextLong(1, Long.MAX_VALUE),
            organizationId,
            Set.of(scopes.length == 0 ? new Scope[] {Scope.READ, Scope.WRITE} : scopes),
            true,
            "tests"));
    return new TestOrganization(organizationId, projectId, token);
  }

  public String bearer() {
    return "Bearer " + token;
  }
}
