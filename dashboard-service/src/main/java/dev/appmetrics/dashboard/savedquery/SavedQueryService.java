package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.document.SpecDocumentService;
import dev.appmetrics.dashboard.document.SpecJson;
import dev.appmetrics.dashboard.explorer.ExplorerQuery;
import dev.appmetrics.dashboard.explorer.QueryRules;
import dev.appmetrics.dashboard.explorer.SpecValidator;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Saved queries of an organization: every member with the Explorer can list, open and overwrite them. The list shows
 * the newest first: the query someone just saved is the one people look for.
 */
@Singleton
public class SavedQueryService
    extends SpecDocumentService<SavedQuery, SavedQueryRequest, SavedQueryResponse> {

  private final SpecValidator validator;

  public SavedQueryService(
      SavedQueryRepository repository,
      SpecValidator validator,
      QueryRules queryRules,
      SpecJson specJson) {
    super(
        repository,
        SavedQuery::new,
        Sort.descending("updatedAt").and("id", Sort.Direction.Descending),
        "saved query",
        queryRules,
        specJson);
    this.validator = validator;
  }

  /** The projects; the query itself goes to query-service. */
  @Override
  protected void check(
      long organizationId,
      SavedQueryRequest request,
      List<Detail> errors,
      List<QueryRules.Check> checks) {
    validator.validateExplorerQuery(request.spec(), organizationId, "spec", errors, checks);
  }

  @Override
  protected SavedQueryResponse toResponse(SavedQuery saved) {
    return new SavedQueryResponse(
        saved.id,
        saved.name,
        readSpec(saved, ExplorerQuery.class),
        saved.version,
        saved.createdAt,
        saved.updatedAt);
  }
}
