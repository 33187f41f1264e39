package dev.appmetrics.dashboard.key;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.dashboard.grant.GrantDistributor;
import dev.appmetrics.dashboard.paging.Page;
import dev.appmetrics.dashboard.project.ProjectService;
import dev.appmetrics.dashboard.token.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * DSN keys of the caller's projects. Committed first, then published; a new key whose publication fails is revoked
 * again before the 503, so no client is handed a DSN that only some services accept.
 */
@ApplicationScoped
public class ProjectKeyService {

  private final ProjectKeyRepository keys;
  private final ProjectService projects;
  private final GrantDistributor distributor;
  private final DsnConfig dsn;

  public ProjectKeyService(
      ProjectKeyRepository keys,
      ProjectService projects,
      GrantDistributor distributor,
      DsnConfig dsn) {
    this.keys = keys;
    this.projects = projects;
    this.distributor = distributor;
    this.dsn = dsn;
  }

  public Uni<KeyResponse> create(Caller caller, long projectId, KeyRequest request) {
    KeyRequest valid =
        request == null ? new KeyRequest(null, null).validated() : request.validated();
    return Panache.withTransaction(
            () ->
                projects
                    .live(caller, projectId)
                    .flatMap(
                        project ->
                            keys.persist(
                                newKey(
                                    project.organizationId,
                                    projectId,
                                    valid.label(),
                                    valid.rateLimitPerSecond()))))
        .flatMap(
            saved ->
                distributor
                    .publish(List.of(saved.grant()))
                    .onFailure()
                    .call(() -> revokeQuietly(saved.id))
                    .replaceWith(saved))
        .map(this::toResponse);
  }

  public Uni<Page<KeyResponse>> list(Caller caller, long projectId, int offset, int limit) {
    return Panache.withSession(
        () ->
            projects
                .live(caller, projectId)
                .flatMap(project -> keys.activePage(projectId, offset, limit))
                .flatMap(
                    page ->
                        keys.countActive(projectId)
                            .map(
                                total ->
                                    new Page<>(
                                        page.stream().map(this::toResponse).toList(),
                                        total,
                                        offset,
                                        limit))));
  }

  public Uni<KeyResponse> get(Caller caller, long projectId, long keyId) {
    return Panache.withSession(() -> owned(caller, projectId, keyId)).map(this::toResponse);
  }

  /** A new public key with the same label and rate limit; the old key stops working in the same step. */
  public Uni<KeyResponse> rotate(Caller caller, long projectId, long keyId) {
    return Panache.withTransaction(
            () ->
                owned(caller, projectId, keyId)
                    .flatMap(
                        old -> {
                          if (old.revokedAt != null) {
                            throw new ApiException(
                                409,
                                "conflict",
                                "A revoked key cannot be rotated; create a new one");
                          }
                          old.revokedAt = now();
                          return keys.persist(
                                  newKey(
                                      old.organizationId,
                                      projectId,
                                      old.label,
                                      old.rateLimitPerSecond))
                              .map(fresh -> List.of(fresh, old));
                        }))
        .flatMap(
            pair ->
                distributor
                    .publish(pair.stream().map(ProjectKey::grant).toList())
                    .onFailure()
                    .call(() -> revokeQuietly(pair.get(0).id))
                    .replaceWith(pair.get(0)))
        .map(this::toResponse);
  }

  /** Revokes, and publishes the revocation again when repeated, so repeating heals a revocation Kafka missed. */
  public Uni<Void> revoke(Caller caller, long projectId, long keyId) {
    return Panache.withTransaction(
            () ->
                owned(caller, projectId, keyId)
                    .map(
                        key -> {
                          if (key.revokedAt == null) {
                            key.revokedAt = now();
                          }
                          return key;
                        }))
        .flatMap(key -> distributor.publish(List.of(key.grant())));
  }

  /** The key, checked to belong to a live project of the caller's organization. */
  private Uni<ProjectKey> owned(Caller caller, long projectId, long keyId) {
    return projects
        .live(caller, projectId)
        .flatMap(project -> keys.findById(keyId))
        .map(
            key -> {
              if (key == null || key.projectId != projectId) {
                throw ApiException.notFound("No key " + keyId + " in project " + projectId);
              }
              return key;
            });
  }

  private static ProjectKey newKey(
      long organizationId, long projectId, String label, int rateLimitPerSecond) {
    ProjectKey key = new ProjectKey();
    key.organizationId = organizationId;
    key.projectId = projectId;
    key.publicKey = Secrets.newPublicKey();
    key.label = label;
    key.rateLimitPerSecond = rateLimitPerSecond;
    key.createdAt = now();
    return key;
  }

  private KeyResponse toResponse(ProjectKey key) {
    return new KeyResponse(
        key.id,
        key.projectId,
        key.label,
        key.publicKey,
        Dsn.of(dsn.publicIngestUrl(), key.publicKey, key.projectId),
        key.rateLimitPerSecond,
        key.createdAt,
        key.revokedAt);
  }

  private Uni<Void> revokeQuietly(long keyId) {
    return Panache.withTransaction(() -> keys.update("revokedAt = ?1 where id = ?2", now(), keyId))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
