package dev.appmetrics.dashboard.organization;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.PlatformAdminOnly;
import dev.appmetrics.dashboard.paging.Page;
import dev.appmetrics.dashboard.token.CreatedToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Creating and listing organizations is for the platform admin (the bootstrap token); an organization's own token
 * may read its organization and nothing else here.
 */
@Path("/api/v1/organizations")
public class OrganizationResource {

  private final OrganizationService service;
  private final CurrentCaller caller;

  public OrganizationResource(OrganizationService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  @PlatformAdminOnly
  public Uni<RestResponse<CreatedOrganization>> create(OrganizationRequest request) {
    return service
        .create(request)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @GET
  @PlatformAdminOnly
  public Uni<Page<OrganizationResponse>> list(
      @QueryParam("slug") String slug,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return service.list(slug, Page.clampOffset(offset), Page.clampLimit(limit));
  }

  @GET
  @Path("/{organizationId}")
  public Uni<OrganizationResponse> get(@PathParam("organizationId") long organizationId) {
    return service.get(caller.get(), organizationId);
  }

  @POST
  @Path("/{organizationId}/admin-tokens")
  @PlatformAdminOnly
  public Uni<RestResponse<CreatedToken>> createAdminToken(
      @PathParam("organizationId") long organizationId, AdminTokenRequest request) {
    return service
        .createAdminToken(organizationId, request == null ? null : request.name())
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }
}
