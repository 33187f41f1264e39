package dev.appmetrics.query.access;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Every project a request names must belong to the caller's organization; unknown projects look the same (403). */
@ApplicationScoped
public class ProjectAccess {

  public static final int MAX_PROJECTS = 100;

  private final CredentialStore credentials;

  public ProjectAccess(CredentialStore credentials) {
    this.credentials = credentials;
  }

  public List<Long> require(Caller caller, List<Long> projects) {
    if (projects == null || projects.isEmpty()) {
      throw ApiException.badRequest("'projects' must name at least one project");
    }
    if (projects.size() > MAX_PROJECTS) {
      throw ApiException.badRequest("'projects' may name at most " + MAX_PROJECTS + " projects");
    }
    for (Long project : projects) {
      if (project == null) {
        throw ApiException.badRequest("'projects' must not contain null");
      }
      long owner = credentials.project(project).map(p -> p.organizationId())
          .orElseThrow(() -> ApiException.forbidden("Project " + project + " is not one of your organization's"));
      caller.requireOrganization(owner);
    }
    return projects.stream().distinct().sorted().toList();
  }
}
