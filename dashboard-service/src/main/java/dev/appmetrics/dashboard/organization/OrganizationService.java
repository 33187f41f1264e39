package dev.appmetrics.dashboard.organization;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.dashboard.naming.Slugs;
import dev.appmetrics.dashboard.naming.UniqueViolation;
import dev.appmetrics.dashboard.paging.Page;
import dev.appmetrics.dashboard.token.ApiTokenRepository;
import dev.appmetrics.dashboard.token.CreatedToken;
import dev.appmetrics.dashboard.token.TokenService;
import dev.appmetrics.dashboard.token.TokenService.NewToken;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Organizations are created by the platform admin (the bootstrap token); the creation also makes the
 * organization's first admin token, so the new organization can administer itself from the first response on.
 */
@ApplicationScoped
public class OrganizationService {

  static final String FIRST_ADMIN_TOKEN_NAME = "first admin token";

  private final OrganizationRepository organizations;
  private final ApiTokenRepository tokens;
  private final TokenService tokenService;

  public OrganizationService(
      OrganizationRepository organizations, ApiTokenRepository tokens, TokenService tokenService) {
    this.organizations = organizations;
    this.tokens = tokens;
    this.tokenService = tokenService;
  }

  public Uni<CreatedOrganization> create(OrganizationRequest request) {
    OrganizationRequest valid = request.validated();
    Organization organization = new Organization();
    organization.slug = valid.slug();
    organization.name = valid.name();
    organization.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
            () ->
                organizations
                    .persist(organization)
                    .flatMap(
                        saved -> {
                          NewToken admin =
                              TokenService.newToken(
                                  saved.id, FIRST_ADMIN_TOKEN_NAME, Set.of(Scope.ADMIN));
                          return tokens.persist(admin.token()).map(token -> admin);
                        }))
        .onFailure()
        .transform(
            e ->
                UniqueViolation.asConflict(
                    e, "An organization with slug '" + valid.slug() + "' exists"))
        .flatMap(tokenService::distributeCreated)
        .map(token -> new CreatedOrganization(organization.toResponse(), token));
  }

  /** A new admin token for an organization that lost its own: the platform admin's way back in. */
  public Uni<CreatedToken> createAdminToken(long organizationId, String name) {
    return Panache.withTransaction(
            () ->
                existing(organizationId)
                    .flatMap(
                        organization -> {
                          NewToken admin =
                              TokenService.newToken(
                                  organization.id,
                                  name == null || name.isBlank()
                                      ? "admin token"
                                      : Slugs.requireName(name),
                                  Set.of(Scope.ADMIN));
                          return tokens.persist(admin.token()).map(token -> admin);
                        }))
        .flatMap(tokenService::distributeCreated);
  }

  /** Every organization, or the one with {@code slug}: for the platform admin. */
  public Uni<Page<OrganizationResponse>> list(String slug, int offset, int limit) {
    if (slug != null && !slug.isBlank()) {
      return Panache.withSession(() -> organizations.findBySlug(slug))
          .map(
              found ->
                  found == null
                      ? new Page<>(List.of(), 0, offset, limit)
                      : new Page<>(List.of(found.toResponse()), 1, offset, limit));
    }
    return Panache.withSession(
        () ->
            organizations
                .page(offset, limit)
                .flatMap(
                    page ->
                        organizations
                            .count()
                            .map(
                                total ->
                                    new Page<>(
                                        page.stream().map(Organization::toResponse).toList(),
                                        total,
                                        offset,
                                        limit))));
  }

  public Uni<OrganizationResponse> get(Caller caller, long organizationId) {
    caller.requireOrganization(organizationId);
    return Panache.withSession(() -> existing(organizationId)).map(Organization::toResponse);
  }

  private Uni<Organization> existing(long organizationId) {
    return organizations
        .findById(organizationId)
        .map(
            organization -> {
              if (organization == null) {
                throw ApiException.notFound("No organization " + organizationId);
              }
              return organization;
            });
  }
}
