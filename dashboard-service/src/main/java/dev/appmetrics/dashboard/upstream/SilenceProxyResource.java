package dev.appmetrics.dashboard.upstream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * monitor-service's silences and maintenance windows for the UI: list (with its page and size), create, read, update,
 * delete, and the notifications one held.
 */
@Path("/api/v1/silences")
public class SilenceProxyResource extends CollectionProxyResource {

  public SilenceProxyResource(MonitorServiceProxy proxy) {
    super(proxy);
  }

  @GET
  @Path("/{id: \\d+}/held")
  public Uni<Response> held(
      @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return proxy.send(HttpMethod.GET, uri, authorization, null);
  }
}
