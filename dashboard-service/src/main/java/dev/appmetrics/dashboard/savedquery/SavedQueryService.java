package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.explorer.ConflictMapper;
import dev.appmetrics.dashboard.explorer.ExplorerQuery;
import dev.appmetrics.dashboard.explorer.QueryRules;
import dev.appmetrics.dashboard.paging.Page;
import dev.appmetrics.dashboard.explorer.SpecJson;
import dev.appmetrics.dashboard.explorer.SpecValidator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Saved queries of an organization: every member with the Explorer can list, open and overwrite them. */
@ApplicationScoped
public class SavedQueryService {

  private final SavedQueryRepository repository;
  private final SpecValidator validator;
  private final QueryRules queryRules;
  private final SpecJson specJson;

  public SavedQueryService(SavedQueryRepository repository, SpecValidator validator, QueryRules queryRules,
      SpecJson specJson) {
    this.repository = repository;
    this.validator = validator;
    this.queryRules = queryRules;
    this.specJson = specJson;
  }

  @WithSession
  public Uni<Page<SavedQueryResponse>> list(long organizationId, String search, int offset, int limit) {
    return repository.search(organizationId, search, offset, limit)
        .flatMap(found -> repository.countMatching(organizationId, search)
            .map(total -> new Page<>(found.stream().map(this::toResponse).toList(), total, offset, limit)));
  }

  @WithSession
  public Uni<SavedQueryResponse> get(long organizationId, long id) {
    return find(organizationId, id).map(this::toResponse);
  }

  /** {@code authorization}: the caller's, with which query-service checks the query before anything is stored. */
  public Uni<SavedQueryResponse> create(long organizationId, SavedQueryRequest request, String authorization) {
    return validate(organizationId, request, authorization).chain(() -> Panache.withTransaction(() -> {
      SavedQuery saved = new SavedQuery();
      saved.organizationId = organizationId;
      saved.name = request.name().strip();
      saved.spec = specJson.write(request.spec());
      saved.createdAt = Instant.now();
      saved.updatedAt = saved.createdAt;
      return repository.persistAndFlush(saved).map(this::toResponse);
    }));
  }

  public Uni<SavedQueryResponse> update(long organizationId, long id, SavedQueryRequest request,
      String authorization) {
    return validate(organizationId, request, authorization).chain(() -> {
      ConflictMapper.requireVersion(request.version());
      return Panache.withTransaction(() -> find(organizationId, id).flatMap(saved -> {
        if (saved.version != request.version()) {
          throw ConflictMapper.staleVersion(request.version(), saved.version);
        }
        saved.name = request.name().strip();
        saved.spec = specJson.write(request.spec());
        saved.updatedAt = Instant.now();
        return repository.flush().map(ignored -> toResponse(saved));
      }));
    });
  }

  @WithTransaction
  public Uni<Void> delete(long organizationId, long id) {
    return find(organizationId, id).flatMap(repository::delete);
  }

  private Uni<SavedQuery> find(long organizationId, long id) {
    return repository.findById(id).map(saved -> {
      if (saved == null) {
        throw ApiException.notFound("No saved query with id " + id);
      }
      if (saved.organizationId != organizationId) {
        throw ApiException.forbidden("Saved query " + id + " belongs to another organization");
      }
      return saved;
    });
  }

  /** Every problem at once: the name and projects checked here, the query by query-service. */
  private Uni<Void> validate(long organizationId, SavedQueryRequest request, String authorization) {
    if (request == null) {
      throw ApiException.badRequest("A JSON body with name and spec is required");
    }
    List<Detail> errors = new ArrayList<>();
    List<QueryRules.Check> checks = new ArrayList<>();
    validator.requireName(request.name(), errors);
    validator.validateExplorerQuery(request.spec(), organizationId, "spec", errors, checks);
    return queryRules.problems(authorization, checks).invoke(problems -> {
      errors.addAll(problems);
      SpecValidator.throwIfAny(errors);
    }).replaceWithVoid();
  }

  private SavedQueryResponse toResponse(SavedQuery saved) {
    return new SavedQueryResponse(saved.id, saved.name, specJson.read(saved.spec, ExplorerQuery.class),
        saved.version, saved.createdAt, saved.updatedAt);
  }
}
