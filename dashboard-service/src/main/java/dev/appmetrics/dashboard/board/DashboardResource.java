package dev.appmetrics.dashboard.board;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.dashboard.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/dashboards")
public class DashboardResource {

  private final DashboardService service;
  private final CurrentCaller caller;

  public DashboardResource(DashboardService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @GET
  public Uni<Page<DashboardResponse>> list(@QueryParam("search") String search,
      @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
    return service.list(caller.get().organizationId(), search, Page.clampOffset(offset), Page.clampLimit(limit));
  }

  @GET
  @Path("/{id}")
  public Uni<DashboardResponse> get(@PathParam("id") long id) {
    return service.get(caller.get().organizationId(), id);
  }

  @POST
  public Uni<RestResponse<DashboardResponse>> create(DashboardRequest request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return service.create(caller.get().organizationId(), request, authorization)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @PUT
  @Path("/{id}")
  public Uni<DashboardResponse> update(@PathParam("id") long id, DashboardRequest request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return service.update(caller.get().organizationId(), id, request, authorization);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Void> delete(@PathParam("id") long id) {
    return service.delete(caller.get().organizationId(), id);
  }
}
