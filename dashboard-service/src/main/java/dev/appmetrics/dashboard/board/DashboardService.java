package dev.appmetrics.dashboard.board;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.explorer.ConflictMapper;
import dev.appmetrics.dashboard.explorer.QueryRules;
import dev.appmetrics.dashboard.explorer.SpecJson;
import dev.appmetrics.dashboard.explorer.SpecValidator;
import dev.appmetrics.dashboard.paging.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Dashboards of an organization, shared by all its members; concurrent edits are caught by the version. */
@ApplicationScoped
public class DashboardService {

  private final DashboardRepository repository;
  private final DashboardValidator validator;
  private final QueryRules queryRules;
  private final SpecJson specJson;

  public DashboardService(DashboardRepository repository, DashboardValidator validator, QueryRules queryRules,
      SpecJson specJson) {
    this.repository = repository;
    this.validator = validator;
    this.queryRules = queryRules;
    this.specJson = specJson;
  }

  @WithSession
  public Uni<Page<DashboardResponse>> list(long organizationId, String search, int offset, int limit) {
    return repository.search(organizationId, search, offset, limit)
        .flatMap(found -> repository.countMatching(organizationId, search)
            .map(total -> new Page<>(found.stream().map(this::toResponse).toList(), total, offset, limit)));
  }

  @WithSession
  public Uni<DashboardResponse> get(long organizationId, long id) {
    return find(organizationId, id).map(this::toResponse);
  }

  /** {@code authorization}: the caller's, with which query-service checks each widget before anything is stored. */
  public Uni<DashboardResponse> create(long organizationId, DashboardRequest request, String authorization) {
    return validate(organizationId, request, authorization).chain(() -> Panache.withTransaction(() -> {
      Dashboard dashboard = new Dashboard();
      dashboard.organizationId = organizationId;
      dashboard.name = request.name().strip();
      dashboard.spec = specJson.write(request.spec());
      dashboard.createdAt = Instant.now();
      dashboard.updatedAt = dashboard.createdAt;
      return repository.persistAndFlush(dashboard).map(this::toResponse);
    }));
  }

  public Uni<DashboardResponse> update(long organizationId, long id, DashboardRequest request,
      String authorization) {
    return validate(organizationId, request, authorization).chain(() -> {
      ConflictMapper.requireVersion(request.version());
      return Panache.withTransaction(() -> find(organizationId, id).flatMap(dashboard -> {
        if (dashboard.version != request.version()) {
          throw ConflictMapper.staleVersion(request.version(), dashboard.version);
        }
        dashboard.name = request.name().strip();
        dashboard.spec = specJson.write(request.spec());
        dashboard.updatedAt = Instant.now();
        return repository.flush().map(ignored -> toResponse(dashboard));
      }));
    });
  }

  @WithTransaction
  public Uni<Void> delete(long organizationId, long id) {
    return find(organizationId, id).flatMap(repository::delete);
  }

  private Uni<Dashboard> find(long organizationId, long id) {
    return repository.findById(id).map(dashboard -> {
      if (dashboard == null) {
        throw ApiException.notFound("No dashboard with id " + id);
      }
      if (dashboard.organizationId != organizationId) {
        throw ApiException.forbidden("Dashboard " + id + " belongs to another organization");
      }
      return dashboard;
    });
  }

  /** Every problem at once: the layout and projects checked here, each widget's queries by query-service. */
  private Uni<Void> validate(long organizationId, DashboardRequest request, String authorization) {
    if (request == null) {
      throw ApiException.badRequest("A JSON body with name and spec is required");
    }
    List<Detail> errors = new ArrayList<>();
    List<QueryRules.Check> checks = new ArrayList<>();
    validator.validate(request, organizationId, errors, checks);
    return queryRules.problems(authorization, checks).invoke(problems -> {
      errors.addAll(problems);
      SpecValidator.throwIfAny(errors);
    }).replaceWithVoid();
  }

  private DashboardResponse toResponse(Dashboard dashboard) {
    return new DashboardResponse(dashboard.id, dashboard.name, specJson.read(dashboard.spec, DashboardSpec.class),
        dashboard.version, dashboard.createdAt, dashboard.updatedAt);
  }
}
