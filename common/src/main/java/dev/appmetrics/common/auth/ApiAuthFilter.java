package dev.appmetrics.common.auth;

import dev.appmetrics.common.auth.ServiceCallers.ServiceCaller;
import dev.appmetrics.common.error.ErrorResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Default-deny authentication for every REST resource, whatever its path: a valid API token ("Authorization:
 * Bearer …") with the needed scope, unless the resource is marked {@link Public} (the UI's pages) or
 * {@link ProjectKeyAuthenticated} (ingest, which checks DSN keys itself). A new endpoint that forgets about auth is
 * therefore closed, not open. Health, metrics and OpenAPI are not REST resources; the Ingress does not expose them.
 */
public class ApiAuthFilter {

  /**
   * With a service caller's credential, the organization it acts for (monitor-service evaluating a monitor). Read
   * only from {@link ServiceCallers}; dashboard-service's proxy never forwards it.
   */
  public static final String ORGANIZATION_HEADER = "X-Appmetrics-Organization";

  private final CredentialStore credentials;
  private final CurrentCaller currentCaller;
  private final Map<String, ServiceCaller> serviceCallers;
  private final Optional<String> bootstrapToken;

  public ApiAuthFilter(
      CredentialStore credentials,
      CurrentCaller currentCaller,
      ServiceCallers serviceCallers,
      @ConfigProperty(name = "appmetrics.bootstrap-token") Optional<String> bootstrapToken) {
    this.credentials = credentials;
    this.currentCaller = currentCaller;
    this.serviceCallers = serviceCallers.serviceCallers();
    this.bootstrapToken = bootstrapToken.filter(t -> !t.isBlank());
  }

  @ServerRequestFilter
  public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
    if (resource.getResourceMethod() == null
        || annotated(resource, Public.class)
        || annotated(resource, ProjectKeyAuthenticated.class)) {
      return Optional.empty();
    }
    String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      return deny(401, "unauthorized", "Missing API token: send 'Authorization: Bearer <token>'");
    }
    if (annotated(resource, PlatformAdminOnly.class)) {
      return platformAdmin(token);
    }
    Scope needed = requiredScope(request.getMethod(), resource);
    Optional<ServiceCaller> service = serviceCaller(token);
    if (service.isPresent()) {
      return actForOrganization(
          service.get(), request.getHeaderString(ORGANIZATION_HEADER), needed);
    }
    Optional<Grants.TokenGrant> grant = credentials.token(token);
    if (grant.isEmpty()) {
      return deny(401, "unauthorized", "Unknown or revoked API token");
    }
    if (!grant.get().allows(needed)) {
      return deny(403, "forbidden", "The token lacks the '" + needed.wireName() + "' scope");
    }
    currentCaller.set(
        new Caller(
            grant.get().organizationId(),
            grant.get().tokenId(),
            grant.get().name(),
            grant.get().scopes()));
    return Optional.empty();
  }

  /** Only the bootstrap token passes; an organization's token, even an admin one, is refused with 403. */
  private Optional<Response> platformAdmin(String token) {
    if (bootstrapToken.isPresent()
        && MessageDigest.isEqual(bytes(bootstrapToken.get()), bytes(token))) {
      return Optional.empty();
    }
    if (credentials.token(token).isPresent()) {
      return deny(403, "forbidden", "Only the platform's bootstrap token may do this");
    }
    return deny(401, "unauthorized", "Unknown or revoked API token");
  }

  /** Every configured caller is compared, so the time taken does not tell which one matched. */
  private Optional<ServiceCaller> serviceCaller(String token) {
    ServiceCaller matched = null;
    for (ServiceCaller caller : serviceCallers.values()) {
      if (MessageDigest.isEqual(bytes(caller.token()), bytes(token))) {
        matched = caller;
      }
    }
    return Optional.ofNullable(matched);
  }

  /** A service acts within one existing organization (one with an active project), with its own scopes only. */
  private Optional<Response> actForOrganization(
      ServiceCaller service, String organization, Scope needed) {
    if (!service.scopes().contains(needed)) {
      return deny(
          403, "forbidden", "This service credential lacks the '" + needed.wireName() + "' scope");
    }
    long organizationId;
    try {
      organizationId = Long.parseLong(organization == null ? "" : organization.strip());
    } catch (NumberFormatException e) {
      return deny(
          400, "bad_request", "A service credential needs the " + ORGANIZATION_HEADER + " header");
    }
    if (!credentials.hasOrganization(organizationId)) {
      return deny(
          403, "forbidden", "No organization " + organizationId + " with an active project");
    }
    currentCaller.set(new Caller(organizationId, 0, null, service.scopes()));
    return Optional.empty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String bearerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private static Scope requiredScope(String method, ResourceInfo resource) {
    RequiresScope explicit =
        Optional.ofNullable(resource.getResourceMethod().getAnnotation(RequiresScope.class))
            .orElse(resource.getResourceClass().getAnnotation(RequiresScope.class));
    if (explicit != null) {
      return explicit.value();
    }
    return "GET".equals(method) || "HEAD".equals(method) ? Scope.READ : Scope.WRITE;
  }

  private static boolean annotated(
      ResourceInfo resource, Class<? extends java.lang.annotation.Annotation> type) {
    AnnotatedElement method = resource.getResourceMethod();
    return method.isAnnotationPresent(type)
        || resource.getResourceClass().isAnnotationPresent(type);
  }

  private static Optional<Response> deny(int status, String code, String message) {
    return Optional.of(
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ErrorResponse.of(status, code, message))
            .build());
  }
}
