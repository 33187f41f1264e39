package dev.appmetrics.dashboard.web;

import static io.restassured.RestAssured.given;

import dev.appmetrics.common.testing.Eventually;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import java.time.Duration;
import java.util.Map;

/** The real query-service behind dashboard-service's proxy, so the browser tests show real query results. */
public class QueryServiceProcess extends dev.appmetrics.common.testing.QueryServiceProcess {

  @Override
  protected Map<String, String> config(String queryServiceUrl) {
    return Map.of("appmetrics.query-service.url", queryServiceUrl);
  }

  /** query-service follows projects.config on its own; the token works there once it has read the grant. */
  static void awaitKnows(TestOrganization org) throws InterruptedException {
    Eventually.status(200, Duration.ofSeconds(10), () -> given().header("Authorization", org.bearer())
        .when().get("/api/v1/catalog/metrics?project=" + org.projectId())
        .then().extract().statusCode(), "query-service answering for the new organization's token");
  }
}
