package dev.appmetrics.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * The real query-service for tests of the services that call it (monitors, the UI, ingest's trace checks), started
 * from its build against the ClickHouse test database: no stand-in for our own query engine. The reactor builds it
 * first; a module-only run needs {@code ./mvnw -B -ntp -q package -pl query-service -DskipTests} beforehand.
 */
public abstract class QueryServiceProcess implements QuarkusTestResourceLifecycleManager {

  /** monitor-service's credential at this query-service, generated: a packaged service refuses the shipped one. */
  protected final String monitorToken = "amt_service_" + UUID.randomUUID();

  protected final ServiceProcess queryService =
      new ServiceProcess(
          "query-service",
          Map.of(
              "appmetrics.query.cursor-secret",
              UUID.randomUUID().toString() + UUID.randomUUID(),
              "appmetrics.auth.service-callers.monitor.token",
              monitorToken));

  @Override
  public Map<String, String> start() {
    return config(queryService.start());
  }

  /** The calling service's configuration pointing at the started query-service. */
  protected abstract Map<String, String> config(String queryServiceUrl);

  @Override
  public void stop() {
    queryService.stop();
  }
}
