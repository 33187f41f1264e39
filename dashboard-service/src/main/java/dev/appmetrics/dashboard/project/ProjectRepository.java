package dev.appmetrics.dashboard.project;

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
public class ProjectRepository implements PanacheRepository<Project>, GrantSource {

  private static final String LIVE_OF_ORGANIZATION =
      "organizationId = :organization and deletedAt is null";

  public Uni<List<Project>> livePage(long organizationId, String slug, int offset, int limit) {
    return slug == null
        ? find(LIVE_OF_ORGANIZATION, Sort.by("id"), Parameters.with("organization", organizationId))
            .range(offset, offset + limit - 1)
            .list()
        : find(
                LIVE_OF_ORGANIZATION + " and slug = :slug",
                Sort.by("id"),
                Parameters.with("organization", organizationId).and("slug", slug))
            .range(offset, offset + limit - 1)
            .list();
  }

  public Uni<Long> countLive(long organizationId, String slug) {
    return slug == null
        ? count(LIVE_OF_ORGANIZATION, Parameters.with("organization", organizationId))
        : count(
            LIVE_OF_ORGANIZATION + " and slug = :slug",
            Parameters.with("organization", organizationId).and("slug", slug));
  }

  @Override
  public Uni<List<Grant>> allGrants() {
    return listAll().map(all -> all.stream().<Grant>map(Project::grant).toList());
  }

  @Override
  public Uni<List<Grant>> grantsEndedSince(Instant since) {
    return list("deletedAt >= ?1", since)
        .map(ended -> ended.stream().<Grant>map(Project::grant).toList());
  }
}
