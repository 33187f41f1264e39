package dev.appmetrics.dashboard.board;

import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.document.SpecDocumentService;
import dev.appmetrics.dashboard.document.SpecJson;
import dev.appmetrics.dashboard.explorer.QueryRules;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Singleton;
import java.util.List;

/** Dashboards of an organization, listed by name; concurrent edits are caught by the version. */
@Singleton
public class DashboardService
    extends SpecDocumentService<Dashboard, DashboardRequest, DashboardResponse> {

  private final DashboardValidator validator;

  public DashboardService(
      DashboardRepository repository,
      DashboardValidator validator,
      QueryRules queryRules,
      SpecJson specJson) {
    super(
        repository,
        Dashboard::new,
        Sort.ascending("name").and("id"),
        "dashboard",
        queryRules,
        specJson);
    this.validator = validator;
  }

  /** The layout and the projects; each widget's queries go to query-service. */
  @Override
  protected void check(
      long organizationId,
      DashboardRequest request,
      List<Detail> errors,
      List<QueryRules.Check> checks) {
    validator.validate(request.spec(), organizationId, errors, checks);
  }

  @Override
  protected DashboardResponse toResponse(Dashboard dashboard) {
    return new DashboardResponse(
        dashboard.id,
        dashboard.name,
        readSpec(dashboard, DashboardSpec.class),
        dashboard.version,
        dashboard.createdAt,
        dashboard.updatedAt);
  }
}
