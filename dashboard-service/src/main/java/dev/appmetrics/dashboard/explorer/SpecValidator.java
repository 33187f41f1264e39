package dev.appmetrics.dashboard.explorer;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.error.ErrorResponse.Detail;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The rule of saved specs that is dashboard-service's own: every project is one of the caller's organization. The
 * queries themselves are judged by query-service ({@link QueryRules}), the one owner of the query model.
 */
@ApplicationScoped
public class SpecValidator {

  private final CredentialStore credentials;

  public SpecValidator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  /**
   * The organization's own rule for an Explorer query: every project is one of its own. The rest of the query is
   * query-service's to judge ({@link QueryRules}); the check to send it is added when the projects are right, since
   * query-service refuses another organization's project before anything else.
   */
  public void validateExplorerQuery(
      ExplorerQuery spec,
      long organizationId,
      String field,
      List<Detail> errors,
      List<QueryRules.Check> checks) {
    if (spec == null) {
      errors.add(new Detail(field, "is required"));
      return;
    }
    if (validateProjects(spec.projects(), organizationId, field + ".projects", errors)) {
      checks.add(new QueryRules.Check(field, spec));
    }
  }

  public boolean validateProjects(
      List<Long> projects, long organizationId, String field, List<Detail> errors) {
    if (projects == null || projects.isEmpty()) {
      errors.add(new Detail(field, "needs at least one project id"));
      return false;
    }
    boolean allOurs = true;
    for (int i = 0; i < projects.size(); i++) {
      Long id = projects.get(i);
      boolean ours =
          id != null
              && credentials
                  .project(id)
                  .map(ProjectGrant::organizationId)
                  .filter(org -> org == organizationId)
                  .isPresent();
      if (!ours) {
        errors.add(new Detail(field + "[" + i + "]", "is not a project of your organization"));
        allOurs = false;
      }
    }
    return allOurs;
  }
}
