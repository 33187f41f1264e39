package dev.appmetrics.dashboard.project;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.Grants.Grant;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.dashboard.grant.GrantDistributor;
import dev.appmetrics.dashboard.naming.UniqueViolation;
import dev.appmetrics.dashboard.paging.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Projects of the caller's organization; every change is committed, then published to the other services. */
@ApplicationScoped
public class ProjectService {

  private final ProjectRepository projects;
  private final ProjectDependents dependents;
  private final GrantDistributor distributor;

  public ProjectService(
      ProjectRepository projects, ProjectDependents dependents, GrantDistributor distributor) {
    this.projects = projects;
    this.dependents = dependents;
    this.distributor = distributor;
  }

  public Uni<ProjectResponse> create(Caller caller, ProjectRequest request) {
    ProjectRequest valid = request.validated();
    Project project = new Project();
    project.organizationId = caller.organizationId();
    project.slug = valid.slug();
    project.name = valid.name();
    project.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(() -> projects.persist(project))
        .onFailure()
        .transform(
            e -> UniqueViolation.asConflict(e, "A project with slug '" + valid.slug() + "' exists"))
        .flatMap(
            saved ->
                distributor
                    .publish(List.of(saved.grant()))
                    .onFailure()
                    .call(() -> deleteQuietly(saved.id))
                    .replaceWith(saved.toResponse()));
  }

  /** Undoes a creation nobody else learned of, so repeating the request does not meet a taken slug. */
  private Uni<Void> deleteQuietly(long projectId) {
    return Panache.withTransaction(
            () ->
                projects.update(
                    "deletedAt = ?1 where id = ?2",
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    projectId))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  public Uni<Page<ProjectResponse>> list(Caller caller, String slug, int offset, int limit) {
    String bySlug = slug == null || slug.isBlank() ? null : slug;
    return Panache.withSession(
        () ->
            projects
                .livePage(caller.organizationId(), bySlug, offset, limit)
                .flatMap(
                    page ->
                        projects
                            .countLive(caller.organizationId(), bySlug)
                            .map(
                                total ->
                                    new Page<>(
                                        page.stream().map(Project::toResponse).toList(),
                                        total,
                                        offset,
                                        limit))));
  }

  public Uni<ProjectResponse> get(Caller caller, long projectId) {
    return Panache.withSession(() -> live(caller, projectId)).map(Project::toResponse);
  }

  /**
   * Commits the new retention classes, then publishes the project so every writer stamps it on the rows it writes
   * next; a 503 not_distributed leaves it committed, and repeating the request (or the periodic re-publication)
   * spreads it.
   */
  public Uni<ProjectResponse> setRetention(
      Caller caller, long projectId, RetentionRequest request) {
    RetentionRequest asked = request == null ? new RetentionRequest(null, null) : request;
    return Panache.withTransaction(
            () ->
                live(caller, projectId)
                    .map(
                        project -> {
                          RetentionRequest valid =
                              asked.validated(
                                  project.retentionDays, project.downsampledRetentionDays);
                          project.retentionDays = valid.days();
                          project.downsampledRetentionDays = valid.downsampledDays();
                          return project;
                        }))
        .flatMap(
            project ->
                distributor.publish(List.of(project.grant())).replaceWith(project.toResponse()));
  }

  /** Deletes the project and revokes its keys; repeating the request publishes the revocations again. */
  public Uni<Void> delete(Caller caller, long projectId) {
    return Panache.withTransaction(
            () ->
                owned(caller, projectId)
                    .flatMap(
                        project -> {
                          Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                          if (project.deletedAt == null) {
                            project.deletedAt = now;
                          }
                          return dependents
                              .endWith(projectId, now)
                              .map(
                                  ended -> {
                                    List<Grant> grants = new ArrayList<>();
                                    grants.add(project.grant());
                                    grants.addAll(ended);
                                    return grants;
                                  });
                        }))
        .flatMap(distributor::publish);
  }

  /** The caller's project, 404 if it does not exist or was deleted, 403 if another organization's. */
  public Uni<Project> live(Caller caller, long projectId) {
    return owned(caller, projectId)
        .map(
            project -> {
              if (project.deletedAt != null) {
                throw ApiException.notFound("Project " + projectId + " was deleted");
              }
              return project;
            });
  }

  private Uni<Project> owned(Caller caller, long projectId) {
    return projects
        .findById(projectId)
        .map(
            project -> {
              if (project == null) {
                throw ApiException.notFound("No project " + projectId);
              }
              caller.requireOrganization(project.organizationId);
              return project;
            });
  }
}
