package dev.appmetrics.dashboard.upstream;

import jakarta.ws.rs.Path;

/** monitor-service's monitors for the UI: list (with its page and size), create, read, update, delete. */
@Path("/api/v1/monitors")
public class MonitorProxyResource extends CollectionProxyResource {

  public MonitorProxyResource(MonitorServiceProxy proxy) {
    super(proxy);
  }
}
