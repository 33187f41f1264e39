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

/** monitor-service's notification channels for the UI: CRUD, a test notification, the recent deliveries. */
@Path("/api/v1/channels")
public class ChannelProxyResource extends CollectionProxyResource {

  public ChannelProxyResource(MonitorServiceProxy proxy) {
    super(proxy);
  }

  @POST
  @Path("/{id: \\d+}/test")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> test(
      @Context UriInfo uri,
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.POST, uri, authorization, body);
  }

  @GET
  @Path("/{id: \\d+}/deliveries")
  public Uni<Response> deliveries(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }
}
