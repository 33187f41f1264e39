package dev.appmetrics.ingest.auth;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Verifies the credential of an ingest request against the local copy of projects.config: a DSN public key
 * (its project must be the one addressed) or, on the native endpoint, an API token with the ingest scope
 * whose organization owns the project.
 */
@ApplicationScoped
public class IngestAuthenticator {

  private final CredentialStore credentials;

  public IngestAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  /** A DSN key for the project in the path; {@code projectId} null when the path names none (OTLP's /v1/metrics). */
  public IngestCaller projectKey(Optional<String> publicKey, Long projectId) {
    String key =
        publicKey.orElseThrow(
            () ->
                ApiException.unauthorized(
                    "Missing project key: send 'X-Sentry-Auth: Sentry sentry_key=<key>' or 'Authorization: Bearer <key>'"));
    ProjectKeyGrant grant =
        credentials
            .projectKey(key)
            .orElseThrow(() -> ApiException.unauthorized("Unknown or revoked project key"));
    if (projectId != null && grant.projectId() != projectId) {
      throw ApiException.forbidden("The project key does not belong to project " + projectId);
    }
    return new IngestCaller(grant.organizationId(), grant.projectId(), grant.rateLimitPerSecond());
  }

  /** A DSN key of the project, or an API token with the ingest scope of the organization that owns it. */
  public IngestCaller projectKeyOrToken(Optional<String> credential, long projectId) {
    if (credential.isPresent() && credentials.projectKey(credential.get()).isEmpty()) {
      Optional<TokenGrant> token = credentials.token(credential.get());
      if (token.isPresent()) {
        if (!token.get().allows(Scope.INGEST)) {
          throw ApiException.forbidden("The token lacks the 'ingest' scope");
        }
        ProjectGrant project =
            credentials
                .project(projectId)
                .orElseThrow(() -> ApiException.notFound("No project " + projectId));
        if (project.organizationId() != token.get().organizationId()) {
          throw ApiException.forbidden("Project " + projectId + " belongs to another organization");
        }
        return new IngestCaller(project.organizationId(), projectId, 0);
      }
    }
    return projectKey(credential, projectId);
  }
}
