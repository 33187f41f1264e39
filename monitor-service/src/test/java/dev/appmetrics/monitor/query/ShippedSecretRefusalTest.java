package dev.appmetrics.monitor.query;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The credential monitor-service reads with cannot be a public one: query-service, packaged and started in the prod
 * profile with the token shipped for dev and tests, or with none, exits before serving and names the setting.
 */
class ShippedSecretRefusalTest {

  private static final String CURSOR_SECRET = UUID.randomUUID().toString() + UUID.randomUUID();

  @Test
  void queryServiceRefusesTheShippedMonitorToken() throws IOException {
    String log =
        failedStart(
            Map.of(
                "quarkus.profile",
                "prod",
                "appmetrics.query.cursor-secret",
                CURSOR_SECRET,
                "appmetrics.auth.service-callers.monitor.token",
                "local-monitor-query-token-dev-and-test-only"));
    assertTrue(
        log.contains(
            "Refusing to start: appmetrics.auth.service-callers.monitor.token has a value shipped"),
        log);
  }

  @Test
  void queryServiceRefusesToStartWithoutAMonitorToken() throws IOException {
    String log =
        failedStart(
            Map.of("quarkus.profile", "prod", "appmetrics.query.cursor-secret", CURSOR_SECRET));
    assertTrue(log.contains("APPMETRICS_MONITOR_QUERY_TOKEN"), log);
  }

  private static String failedStart(Map<String, String> settings) throws IOException {
    ServiceProcess queryService = new ServiceProcess("query-service", settings);
    try {
      assertThrows(IllegalStateException.class, queryService::start, "query-service started");
      return Files.readString(queryService.log());
    } finally {
      queryService.stop();
    }
  }
}
