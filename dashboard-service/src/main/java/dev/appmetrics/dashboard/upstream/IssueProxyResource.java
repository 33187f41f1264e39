package dev.appmetrics.dashboard.upstream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** monitor-service's issues for the UI: list (status, monitor, page), one with its history, deliveries, actions. */
@Path("/api/v1/issues")
public class IssueProxyResource {

  private final MonitorServiceProxy proxy;

  public IssueProxyResource(MonitorServiceProxy proxy) {
    this.proxy = proxy;
  }

  @GET
  public Uni<Response> list(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }

  @GET
  @Path("/{id: \\d+}")
  public Uni<Response> get(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }

  @GET
  @Path("/{id: \\d+}/deliveries")
  public Uni<Response> deliveries(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }

  /** Snooze carries its duration in the body; the others have none. */
  @POST
  @Path("/{id: \\d+}/{action: mute|unmute|snooze|unsnooze|resolve}")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> act(
      @Context UriInfo uri,
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.POST, uri, authorization, body);
  }
}
