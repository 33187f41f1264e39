package dev.appmetrics.ingest.auth;

import dev.appmetrics.common.error.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Verifies the credential of every ingest request before its body is read (request filters run before Quarkus REST
 * reads the body), so a request without a valid credential costs its headers and nothing more. Only an envelope may
 * carry its key inside the body; the endpoint then verifies it from the first line before reading any item.
 */
public class IngestAuthFilter {

  private final IngestAuthenticator authenticator;
  private final VerifiedCaller verified;

  public IngestAuthFilter(IngestAuthenticator authenticator, VerifiedCaller verified) {
    this.authenticator = authenticator;
    this.verified = verified;
  }

  @ServerRequestFilter
  public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
    IngestAuthenticated endpoint =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(IngestAuthenticated.class);
    if (endpoint == null) {
      return;
    }
    Long projectId = projectId(request.getUriInfo().getPathParameters().getFirst("projectId"));
    Optional<String> key =
        SentryAuth.fromSentryHeader(request.getHeaderString("X-Sentry-Auth"))
            .or(
                () ->
                    SentryAuth.fromAuthorization(
                        request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    switch (endpoint.value()) {
      case PROJECT_KEY -> verified.set(authenticator.projectKey(key, projectId));
      case PROJECT_KEY_OR_TOKEN -> verified.set(authenticator.projectKeyOrToken(key, projectId));
      case ENVELOPE -> {
        Optional<String> sentryKey =
            key.or(
                () ->
                    Optional.ofNullable(
                            request.getUriInfo().getQueryParameters().getFirst("sentry_key"))
                        .filter(k -> !k.isBlank()));
        // Without one here the key is in the envelope header, which the endpoint reads and verifies
        // first.
        if (sentryKey.isPresent()) {
          verified.set(authenticator.projectKey(sentryKey, projectId));
        }
      }
    }
  }

  /** The project in the path; null when the path names none (OTLP's /v1/metrics takes it from the key). */
  private static Long projectId(String segment) {
    if (segment == null) {
      return null;
    }
    try {
      return Long.parseLong(segment);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("No project '" + segment + "': a project id is a number");
    }
  }
}
