package dev.appmetrics.dashboard.upstream;

import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The services the UI reaches through dashboard-service, one HTTP client pool each. */
@ApplicationScoped
public class Upstreams {

  private final Upstream queryService;
  private final Upstream monitorService;

  public Upstreams(Vertx vertx, QueryServiceConfig query, MonitorServiceConfig monitor) {
    this.queryService =
        new Upstream(vertx, "query-service", query.url(), query.timeout(), query.connectTimeout());
    this.monitorService =
        new Upstream(
            vertx, "monitor-service", monitor.url(), monitor.timeout(), monitor.connectTimeout());
  }

  public Upstream queryService() {
    return queryService;
  }

  public Upstream monitorService() {
    return monitorService;
  }

  @PreDestroy
  void close() {
    queryService.close();
    monitorService.close();
  }
}
