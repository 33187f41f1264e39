package dev.appmetrics.dashboard.mcp.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.dashboard.upstream.Upstreams;
import jakarta.enterprise.context.ApplicationScoped;

/** query-service and monitor-service as the tools call them. */
@ApplicationScoped
public class ServiceApis {

  private final ServiceApi query;
  private final ServiceApi monitors;

  public ServiceApis(Upstreams upstreams, ObjectMapper json) {
    this.query = new ServiceApi(upstreams.queryService(), json);
    this.monitors = new ServiceApi(upstreams.monitorService(), json);
  }

  public ServiceApi query() {
    return query;
  }

  public ServiceApi monitors() {
    return monitors;
  }
}
