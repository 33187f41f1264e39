package dev.appmetrics.dashboard.upstream;

import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The query and trace APIs of query-service, reachable from the UI's origin. Querying only reads, so it needs READ even for
 * the POSTs that carry a query body.
 */
@Path("/api/v1")
@RequiresScope(Scope.READ)
public class QueryProxyResource {

  private final Upstream queryService;

  public QueryProxyResource(Upstreams upstreams) {
    this.queryService = upstreams.queryService();
  }

  @POST
  @Path("/query/{endpoint: [a-z-]+}")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> query(
      @PathParam("endpoint") String endpoint,
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return post("/api/v1/query/" + endpoint, body, authorization);
  }

  /** The heatmap by its own path as well, so that the OpenAPI document (and the tests reading it) names it. */
  @POST
  @Path("/query/heatmap")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary =
          "A distribution's weighted counts per time and value bucket (query-service's heatmap)")
  public Uni<Response> heatmap(
      byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return post("/api/v1/query/heatmap", body, authorization);
  }

  @GET
  @Path("/catalog/{path: .+}")
  public Uni<Response> catalog(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return get(uri, authorization);
  }

  @GET
  @Path("/traces/{traceId: [0-9a-fA-F]+}")
  public Uni<Response> trace(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return get(uri, authorization);
  }

  @POST
  @Path("/traces/{endpoint: comparable|search}")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> traces(
      @PathParam("endpoint") String endpoint,
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return post("/api/v1/traces/" + endpoint, body, authorization);
  }

  private Uni<Response> post(String path, byte[] body, String authorization) {
    return Forwarding.forward(queryService, HttpMethod.POST, path, authorization, body);
  }

  /** Same path and query string on query-service. */
  private Uni<Response> get(UriInfo uri, String authorization) {
    return Forwarding.forward(
        queryService, HttpMethod.GET, Forwarding.samePath(uri), authorization, null);
  }
}
