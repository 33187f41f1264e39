package dev.appmetrics.dashboard.key;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.dashboard.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

/** DSN keys of one project: reading takes a read token, creating, rotating and revoking an admin one. */
@Path("/api/v1/projects/{projectId}/keys")
public class ProjectKeyResource {

  private final ProjectKeyService service;
  private final CurrentCaller caller;

  public ProjectKeyResource(ProjectKeyService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  @RequiresScope(Scope.ADMIN)
  public Uni<RestResponse<KeyResponse>> create(
      @PathParam("projectId") long projectId, KeyRequest request) {
    return service
        .create(caller.get(), projectId, request)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @GET
  public Uni<Page<KeyResponse>> list(
      @PathParam("projectId") long projectId,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return service.list(caller.get(), projectId, Page.clampOffset(offset), Page.clampLimit(limit));
  }

  @GET
  @Path("/{keyId}")
  public Uni<KeyResponse> get(
      @PathParam("projectId") long projectId, @PathParam("keyId") long keyId) {
    return service.get(caller.get(), projectId, keyId);
  }

  @POST
  @Path("/{keyId}/rotate")
  @RequiresScope(Scope.ADMIN)
  public Uni<RestResponse<KeyResponse>> rotate(
      @PathParam("projectId") long projectId, @PathParam("keyId") long keyId) {
    return service
        .rotate(caller.get(), projectId, keyId)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @DELETE
  @Path("/{keyId}")
  @RequiresScope(Scope.ADMIN)
  public Uni<Void> revoke(@PathParam("projectId") long projectId, @PathParam("keyId") long keyId) {
    return service.revoke(caller.get(), projectId, keyId);
  }
}
