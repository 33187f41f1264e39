package dev.appmetrics.dashboard.token;

import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.dashboard.grant.GrantSource;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepository<ApiToken>, GrantSource {

  private static final String ACTIVE_OF_ORGANIZATION =
      "organizationId = :organization and revokedAt is null";

  public Uni<List<ApiToken>> activePage(long organizationId, int offset, int limit) {
    return find(
            ACTIVE_OF_ORGANIZATION, Sort.by("id"), Parameters.with("organization", organizationId))
        .range(offset, offset + limit - 1)
        .list();
  }

  public Uni<Long> countActive(long organizationId) {
    return count(ACTIVE_OF_ORGANIZATION, Parameters.with("organization", organizationId));
  }

  @Override
  public Uni<List<Grant>> allGrants() {
    return listAll().map(all -> all.stream().<Grant>map(ApiToken::grant).toList());
  }

  @Override
  public Uni<List<Grant>> grantsEndedSince(Instant since) {
    return list("revokedAt >= ?1", since)
        .map(ended -> ended.stream().<Grant>map(ApiToken::grant).toList());
  }
}
