package dev.appmetrics.dashboard.upstream;

import static io.restassured.RestAssured.given;

import dev.appmetrics.common.testing.Eventually;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The real query-service behind dashboard-service's proxy, against ClickHouse's test database: no stand-in. */
public class QueryServiceProcess implements QuarkusTestResourceLifecycleManager {

  /** monitor-service's credential here; generated like the cursor key, as a packaged service refuses shipped ones. */
  protected final String monitorToken = "amt_service_" + UUID.randomUUID();

  protected final ServiceProcess queryService = new ServiceProcess("query-service", Map.of(
      "appmetrics.query.cursor-secret", UUID.randomUUID().toString() + UUID.randomUUID(),
      "appmetrics.auth.service-callers.monitor.token", monitorToken));

  @Override
  public Map<String, String> start() {
    return Map.of("appmetrics.query-service.url", queryService.start());
  }

  @Override
  public void stop() {
    queryService.stop();
  }

  /** query-service follows projects.config on its own; the token works there once it has read the grant. */
  public static void awaitKnows(String token, long projectId) throws InterruptedException {
    Eventually.status(200, Duration.ofSeconds(10), () -> given().auth().oauth2(token)
        .when().get("/api/v1/catalog/metrics?project=" + projectId)
        .then().extract().statusCode(), "query-service answering for the new organization's token");
  }
}
