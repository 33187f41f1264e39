package dev.appmetrics.monitor.support;

import java.util.Map;

/** The real query-service that monitors are evaluated through, with monitor-service's credential there. */
public class QueryServiceProcess extends dev.appmetrics.common.testing.QueryServiceProcess {

  @Override
  protected Map<String, String> config(String queryServiceUrl) {
    return Map.of(
        "quarkus.rest-client.query-service.url",
        queryServiceUrl,
        "appmetrics.query-service.token",
        monitorToken);
  }
}
