package dev.appmetrics.dashboard.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UI built by Maven is in the jar, and every route of the app answers with it so shared links work. */
@QuarkusTest
class SinglePageAppTest {

  @Inject GrantPublisher grants;

  @Test
  void servesTheBuiltUiAtTheRoot() {
    given()
        .when()
        .get("/")
        .then()
        .statusCode(200)
        .body(containsString("<div id=\"app\"></div>"))
        .body(containsString("/assets/index-"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/explorer?state=%7B%22projects%22%3A%5B1%5D%7D",
        "/dashboards/7",
        "/saved-queries",
        "/traces/0123456789abcdef0123456789abcdef?span=0123456789abcdef",
        "/monitors/new?metric=m"
      })
  void deepLinksGetTheSameApp(String path) {
    given()
        .urlEncodingEnabled(false)
        .when()
        .get(path)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<div id=\"app\"></div>"));
  }

  /** index.html is revalidated on every load, so a deploy is seen at once; hashed assets are cached for a year. */
  @Test
  void theHtmlIsRevalidatedAndHashedAssetsAreCachedForAYear() {
    String html =
        given()
            .when()
            .get("/")
            .then()
            .statusCode(200)
            .header("Cache-Control", equalTo("no-cache"))
            .extract()
            .asString();
    given()
        .when()
        .get("/explorer")
        .then()
        .statusCode(200)
        .header("Cache-Control", equalTo("no-cache"));
    Matcher asset = Pattern.compile("/assets/index-[A-Za-z0-9_-]+\\.js").matcher(html);
    assertTrue(asset.find(), html);
    given()
        .when()
        .get(asset.group())
        .then()
        .statusCode(200)
        .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
  }

  /** The UI, its assets and the API all carry the same protections, errors included. */
  @ParameterizedTest
  @ValueSource(strings = {"/", "/explorer", "/api/v1/projects", "/q/health/ready"})
  void everyResponseCarriesTheSecurityHeaders(String path) {
    given()
        .when()
        .get(path)
        .then()
        .header(
            "Content-Security-Policy",
            equalTo(
                "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("X-Frame-Options", equalTo("DENY"))
        .header("Referrer-Policy", equalTo("no-referrer"));
  }

  /** Authentication is decided by the resource, not its path: one outside /api/ that is not marked public is closed. */
  @Test
  void aResourceOutsideTheApiIsClosedUnlessMarkedPublic() {
    given()
        .when()
        .get("/unmarked-probe")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
  }

  @Test
  void apiPathsAreNotSwallowedByTheApp() {
    given().when().get("/api/v1/no-such-thing").then().statusCode(404);
  }

  @Test
  void anUnreachableMonitorServiceIsA502InTheCommonErrorShape() {
    TestOrganization org = TestOrganization.create(grants);
    given()
        .header("Authorization", org.bearer())
        .contentType("application/json")
        .body("{\"name\": \"m\"}")
        .when()
        .post("/api/v1/monitors")
        .then()
        .statusCode(502)
        .body("code", equalTo("upstream_unavailable"))
        .body("message", containsString("monitor-service"));
  }

  @Test
  void queryCallsNeedATokenBeforeTheyReachQueryService() {
    given()
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/v1/query/timeseries")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
  }
}
