package dev.appmetrics.dashboard.token;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepository<ApiToken> {

  private static final String ACTIVE_OF_ORGANIZATION = "organizationId = :organization and revokedAt is null";

  public Uni<List<ApiToken>> activePage(long organizationId, int offset, int limit) {
    return find(ACTIVE_OF_ORGANIZATION, Sort.by("id"), Parameters.with("organization", organizationId))
        .range(offset, offset + limit - 1).list();
  }

  public Uni<Long> countActive(long organizationId) {
    return count(ACTIVE_OF_ORGANIZATION, Parameters.with("organization", organizationId));
  }

  /** What was revoked at or after {@code since}: the re-publisher repeats these after its snapshot. */
  public Uni<List<ApiToken>> endedSince(Instant since) {
    return list("revokedAt >= ?1", since);
  }
}
