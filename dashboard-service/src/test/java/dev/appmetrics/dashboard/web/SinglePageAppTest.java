package dev.appmetrics.dashboard.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UI built by Maven is in the jar, and every route of the app answers with it so shared links work. */
@QuarkusTest
class SinglePageAppTest {

  @Inject
  GrantPublisher grants;

  @Test
  void servesTheBuiltUiAtTheRoot() {
    given().when().get("/")
        .then().statusCode(200)
        .body(containsString("<div id=\"app\"></div>"))
        .body(containsString("/assets/index-"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/explorer?state=%7B%22projects%22%3A%5B1%5D%7D", "/dashboards/7", "/saved-queries",
      "/traces/0123456789abcdef0123456789abcdef?span=0123456789abcdef", "/monitors/new?metric=m"})
  void deepLinksGetTheSameApp(String path) {
    given().urlEncodingEnabled(false).when().get(path)
        .then().statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<div id=\"app\"></div>"));
  }

  @Test
  void apiPathsAreNotSwallowedByTheApp() {
    given().when().get("/api/v1/no-such-thing").then().statusCode(404);
  }

  @Test
  void anUnreachableMonitorServiceIsA502InTheCommonErrorShape() {
    TestOrganization org = TestOrganization.create(grants);
    given().header("Authorization", org.bearer()).contentType("application/json").body("{\"name\": \"m\"}")
        .when().post("/api/v1/monitors")
        .then().statusCode(502)
        .body("code", equalTo("upstream_unavailable"))
        .body("message", containsString("monitor-service"));
  }

  @Test
  void queryCallsNeedATokenBeforeTheyReachQueryService() {
    given().contentType("application/json").body("{}").when().post("/api/v1/query/timeseries")
        .then().statusCode(401).body("code", equalTo("unauthorized"));
  }
}
