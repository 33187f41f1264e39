package dev.appmetrics.dashboard.upstream;

import static io.restassured.RestAssured.given;

import dev.appmetrics.common.testing.Eventually;
import dev.appmetrics.common.testing.ServiceProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The real monitor-service behind "Save As, Monitor", against its test database, with the real query-service it
 * evaluates monitors through: both upstreams of dashboard-service's proxy.
 */
public class MonitorServiceProcess extends QueryServiceProcess {

  private ServiceProcess monitorService;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    monitorService =
        new ServiceProcess(
            "monitor-service",
            Map.of(
                "quarkus.rest-client.query-service.url",
                queryService.url(),
                "appmetrics.query-service.token",
                monitorToken));
    config.put("appmetrics.monitor-service.url", monitorService.start());
    return config;
  }

  @Override
  public void stop() {
    if (monitorService != null) {
      monitorService.stop();
    }
    super.stop();
  }

  /**
   * monitor-service follows projects.config on its own; the token works there once it has read the grant. Asked
   * directly, so that a wait for monitor-service is not also a test of the proxy.
   */
  public static void awaitKnows(String token) throws InterruptedException {
    String url =
        ConfigProvider.getConfig().getValue("appmetrics.monitor-service.url", String.class);
    Eventually.status(
        200,
        Duration.ofSeconds(10),
        () ->
            given()
                .auth()
                .oauth2(token)
                .when()
                .get(url + "/api/v1/monitors")
                .then()
                .extract()
                .statusCode(),
        "monitor-service answering for the new organization's token");
  }
}
