package dev.appmetrics.dashboard.upstream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** "Save As, Monitor" from the UI's origin: the monitor is created by monitor-service, with the caller's token. */
@Path("/api/v1/monitors")
public class MonitorProxyResource {

  private final Upstream monitorService;

  public MonitorProxyResource(Upstreams upstreams) {
    this.monitorService = upstreams.monitorService();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> create(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return monitorService.forward(HttpMethod.POST, "/api/v1/monitors", authorization, Buffer.buffer(body))
        .map(Forwarding::toResponse);
  }
}
