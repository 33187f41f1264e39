package dev.appmetrics.dashboard.upstream;

import static io.restassured.RestAssured.given;

import dev.appmetrics.common.testing.Eventually;
import java.time.Duration;
import java.util.Map;

/** The real query-service behind dashboard-service's proxy, against ClickHouse's test database: no stand-in. */
public class QueryServiceProcess extends dev.appmetrics.common.testing.QueryServiceProcess {

  @Override
  protected Map<String, String> config(String queryServiceUrl) {
    return Map.of("appmetrics.query-service.url", queryServiceUrl);
  }

  /** query-service follows projects.config on its own; the token works there once it has read the grant. */
  public static void awaitKnows(String token, long projectId) throws InterruptedException {
    Eventually.status(
        200,
        Duration.ofSeconds(10),
        () ->
            given()
                .auth()
                .oauth2(token)
                .when()
                .get("/api/v1/catalog/metrics?project=" + projectId)
                .then()
                .extract()
                .statusCode(),
        "query-service answering for the new organization's token");
  }
}
