package dev.appmetrics.dashboard.token;

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

/** API tokens of the caller's organization; managing them takes an admin token. */
@Path("/api/v1/tokens")
@RequiresScope(Scope.ADMIN)
public class TokenResource {

  private final TokenService service;
  private final CurrentCaller caller;

  public TokenResource(TokenService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  public Uni<RestResponse<CreatedToken>> create(TokenRequest request) {
    return service
        .create(caller.get(), request)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @GET
  public Uni<Page<TokenResponse>> list(
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return service.list(caller.get(), Page.clampOffset(offset), Page.clampLimit(limit));
  }

  @GET
  @Path("/{tokenId}")
  public Uni<TokenResponse> get(@PathParam("tokenId") long tokenId) {
    return service.get(caller.get(), tokenId);
  }

  @POST
  @Path("/{tokenId}/rotate")
  public Uni<RestResponse<CreatedToken>> rotate(@PathParam("tokenId") long tokenId) {
    return service
        .rotate(caller.get(), tokenId)
        .map(created -> RestResponse.status(Response.Status.CREATED, created));
  }

  @DELETE
  @Path("/{tokenId}")
  public Uni<Void> revoke(@PathParam("tokenId") long tokenId) {
    return service.revoke(caller.get(), tokenId);
  }
}
