package dev.appmetrics.dashboard.web;

import java.util.Map;

/** The real query-service behind dashboard-service's proxy, so the browser test charts real query results. */
public class QueryServiceProcess extends dev.appmetrics.common.testing.QueryServiceProcess {

  @Override
  protected Map<String, String> config(String queryServiceUrl) {
    return Map.of("appmetrics.query-service.url", queryServiceUrl);
  }
}
