package dev.appmetrics.common.auth;

import dev.appmetrics.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Every project a request names must belong to the caller's organization. An unknown project gets the same 403 and
 * message as another organization's, so the answer does not tell whether a project exists.
 */
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
      boolean ours =
          credentials
              .project(project)
              .filter(p -> p.organizationId() == caller.organizationId())
              .isPresent();
      if (!ours) {
        throw ApiException.forbidden("Project " + project + " is not one of your organization's");
      }
    }
    return projects.stream().distinct().sorted().toList();
  }
}
