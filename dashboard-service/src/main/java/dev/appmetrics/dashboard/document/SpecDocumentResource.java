package dev.appmetrics.dashboard.document;

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

/**
 * The API of one kind of spec document over the caller's organization: list (search, offset, limit), create, read,
 * update, delete by id. A subclass names the collection with its {@code @Path}.
 */
public abstract class SpecDocumentResource<Q extends SpecDocumentRequest<?>, R> {

  private final SpecDocumentService<?, Q, R> service;
  private final CurrentCaller caller;

  protected SpecDocumentResource(SpecDocumentService<?, Q, R> service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @GET
  public Uni<Page<R>> list(
      @QueryParam("search") String search,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return service.list(
        caller.get().organizationId(), search, Page.clampOffset(offset), Page.clampLimit(limit));
  }

  @GET
  @Path("/{id}")
  public Uni<R> get(@PathParam("id") long id) {
    return service.get(caller.get().organizationId(), id);
  }

  @POST
  public Uni<RestResponse<R>> create(
      Q request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return service
        .create(caller.get().organizationId(), request, authorization)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @PUT
  @Path("/{id}")
  public Uni<R> update(
      @PathParam("id") long id,
      Q request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return service.update(caller.get().organizationId(), id, request, authorization);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Void> delete(@PathParam("id") long id) {
    return service.delete(caller.get().organizationId(), id);
  }
}
