package dev.appmetrics.dashboard.upstream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * monitor-service's API (monitors, issues, channels, silences) from the UI's origin. Requests go on unchanged to the
 * same path with the caller's Authorization alone, so monitor-service keeps deciding who may see or change what.
 */
@ApplicationScoped
class MonitorServiceProxy {

  private final Upstream monitorService;

  MonitorServiceProxy(Upstreams upstreams) {
    this.monitorService = upstreams.monitorService();
  }

  Uni<Response> send(HttpMethod method, UriInfo uri, String authorization, byte[] body) {
    return Forwarding.forward(
        monitorService, method, Forwarding.samePath(uri), authorization, body);
  }
}
