package dev.appmetrics.dashboard.project;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.dashboard.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

/** Projects of the caller's organization: reading takes a read token, creating and deleting an admin one. */
@Path("/api/v1/projects")
public class ProjectResource {

  private final ProjectService service;
  private final CurrentCaller caller;

  public ProjectResource(ProjectService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  @RequiresScope(Scope.ADMIN)
  public Uni<RestResponse<ProjectResponse>> create(ProjectRequest request) {
    return service
        .create(caller.get(), request)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @GET
  public Uni<Page<ProjectResponse>> list(
      @QueryParam("slug") String slug,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return service.list(caller.get(), slug, Page.clampOffset(offset), Page.clampLimit(limit));
  }

  @GET
  @Path("/{projectId}")
  public Uni<ProjectResponse> get(@PathParam("projectId") long projectId) {
    return service.get(caller.get(), projectId);
  }

  /** Sets how long the project's events are kept; rows written from now on carry the new class. */
  @PUT
  @Path("/{projectId}/retention")
  @RequiresScope(Scope.ADMIN)
  public Uni<ProjectResponse> setRetention(
      @PathParam("projectId") long projectId, RetentionRequest request) {
    return service.setRetention(caller.get(), projectId, request);
  }

  @DELETE
  @Path("/{projectId}")
  @RequiresScope(Scope.ADMIN)
  public Uni<Void> delete(@PathParam("projectId") long projectId) {
    return service.delete(caller.get(), projectId);
  }
}
