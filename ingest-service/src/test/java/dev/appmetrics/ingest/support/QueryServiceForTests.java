package dev.appmetrics.ingest.support;

import dev.appmetrics.common.testing.QueryServiceProcess;
import java.util.Map;

/** The real query-service, for tests that follow what ingest stored through the trace API. */
public class QueryServiceForTests extends QueryServiceProcess {

  public static final String URL_PROPERTY = "appmetrics.test.query-service-url";

  @Override
  protected Map<String, String> config(String queryServiceUrl) {
    return Map.of(URL_PROPERTY, queryServiceUrl);
  }
}
