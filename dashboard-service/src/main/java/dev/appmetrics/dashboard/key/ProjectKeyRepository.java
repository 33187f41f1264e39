package dev.appmetrics.dashboard.key;

import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.dashboard.grant.GrantSource;
import dev.appmetrics.dashboard.project.ProjectDependents;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ProjectKeyRepository
    implements PanacheRepository<ProjectKey>, GrantSource, ProjectDependents {

  private static final String ACTIVE_OF_PROJECT = "projectId = :project and revokedAt is null";

  /** A deleted project's keys are revoked with it; a key revoked before keeps its time. */
  @Override
  public Uni<List<Grant>> endWith(long projectId, Instant at) {
    return list("projectId", projectId)
        .map(
            keys ->
                keys.stream()
                    .<Grant>map(
                        key -> {
                          if (key.revokedAt == null) {
                            key.revokedAt = at;
                          }
                          return key.grant();
                        })
                    .toList());
  }

  public Uni<List<ProjectKey>> activePage(long projectId, int offset, int limit) {
    return find(ACTIVE_OF_PROJECT, Sort.by("id"), Parameters.with("project", projectId))
        .range(offset, offset + limit - 1)
        .list();
  }

  public Uni<Long> countActive(long projectId) {
    return count(ACTIVE_OF_PROJECT, Parameters.with("project", projectId));
  }

  @Override
  public Uni<List<Grant>> allGrants() {
    return listAll().map(all -> all.stream().<Grant>map(ProjectKey::grant).toList());
  }

  @Override
  public Uni<List<Grant>> grantsEndedSince(Instant since) {
    return list("revokedAt >= ?1", since)
        .map(ended -> ended.stream().<Grant>map(ProjectKey::grant).toList());
  }
}
