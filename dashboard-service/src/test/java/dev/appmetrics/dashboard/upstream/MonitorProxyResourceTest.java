package dev.appmetrics.dashboard.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Monitors, issues and channels from the UI's origin: every endpoint the UI calls reaches monitor-service with its
 * method, path, query string and body unchanged and the caller's Authorization alone, and monitor-service's answer
 * comes back as it was.
 */
@QuarkusTest
@WithTestResource(RecordingMonitorService.class)
class MonitorProxyResourceTest {

  @Inject GrantPublisher grants;

  private TestOrganization org;

  @BeforeEach
  void organization() {
    org = TestOrganization.create(grants);
    RecordingMonitorService.reset(200, "{\"answer\":\"from monitor-service\"}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ' ',
      value = {
        "GET /api/v1/monitors?page=1&size=20 -",
        "POST /api/v1/monitors {\"name\":\"m\"}",
        "GET /api/v1/monitors/7 -",
        "PUT /api/v1/monitors/7 {\"name\":\"m\",\"enabled\":false}",
        "DELETE /api/v1/monitors/7 -",
        "GET /api/v1/issues?status=firing&monitor=3 -",
        "GET /api/v1/issues/5 -",
        "GET /api/v1/issues/5/deliveries -",
        "POST /api/v1/issues/5/mute -",
        "POST /api/v1/issues/5/unmute -",
        "POST /api/v1/issues/5/snooze {\"duration\":\"1h\"}",
        "POST /api/v1/issues/5/unsnooze -",
        "POST /api/v1/issues/5/resolve -",
        "GET /api/v1/channels?size=200 -",
        "POST /api/v1/channels {\"name\":\"ops\",\"type\":\"slack\"}",
        "GET /api/v1/channels/2 -",
        "PUT /api/v1/channels/2 {\"name\":\"ops\"}",
        "DELETE /api/v1/channels/2 -",
        "POST /api/v1/channels/2/test -",
        "GET /api/v1/channels/2/deliveries -"
      })
  void forwardsMethodPathQueryAndBodyWithTheCallersToken(
      String method, String pathAndQuery, String body) throws InterruptedException {
    RequestSpecification request =
        given().urlEncodingEnabled(false).header("Authorization", org.bearer());
    if (!"-".equals(body)) {
      request = request.contentType("application/json").body(body);
    }
    request
        .when()
        .request(method, pathAndQuery)
        .then()
        .statusCode(200)
        .body("answer", equalTo("from monitor-service"));

    RecordingMonitorService.Received received = RecordingMonitorService.next();
    assertNotNull(received, method + " " + pathAndQuery + " did not reach monitor-service");
    assertEquals(method, received.method());
    assertEquals(pathAndQuery, received.pathAndQuery());
    assertEquals("-".equals(body) ? "" : body, received.body());
    assertEquals(List.of(org.bearer()), received.headers().get("authorization"));
  }

  /** The browser's cookies, forwarding headers and above all a service-to-service organization header stay here. */
  @Test
  void onlyTheAuthorizationHeaderTravels() throws InterruptedException {
    given()
        .header("Authorization", org.bearer())
        .header("X-Appmetrics-Organization", "1")
        .header("Cookie", "session=secret")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("X-Custom", "x")
        .when()
        .get("/api/v1/issues")
        .then()
        .statusCode(200);

    Set<String> sent = RecordingMonitorService.next().headers().keySet();
    for (String header :
        List.of("x-appmetrics-organization", "cookie", "x-forwarded-for", "x-custom")) {
      assertEquals(false, sent.contains(header), header + " reached monitor-service: " + sent);
    }
  }

  @Test
  void monitorServicesAnswerComesBackAsItWas() {
    RecordingMonitorService.reset(
        409, "{\"status\":409,\"code\":\"conflict\",\"message\":\"issue 5 is resolved\"}");
    given()
        .header("Authorization", org.bearer())
        .when()
        .post("/api/v1/issues/5/resolve")
        .then()
        .statusCode(409)
        .body("code", equalTo("conflict"))
        .body("message", equalTo("issue 5 is resolved"));

    RecordingMonitorService.reset(204, "");
    given()
        .header("Authorization", org.bearer())
        .when()
        .delete("/api/v1/monitors/7")
        .then()
        .statusCode(204);
  }

  /** The resources' paths are the allow-list: anything else of monitor-service is not reachable through here. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/monitors/abc",
        "/api/v1/issues/5/history",
        "/api/v1/issues/5/delete",
        "/api/v1/channels/2/secret",
        "/api/v1/monitors/7/..%2F..%2F..%2Fq%2Fmetrics"
      })
  void pathsOutsideTheApiAreNotForwarded(String path) throws InterruptedException {
    int status =
        given()
            .urlEncodingEnabled(false)
            .header("Authorization", org.bearer())
            .when()
            .get(path)
            .then()
            .extract()
            .statusCode();
    assertEquals(true, status == 404 || status == 405, path + " answered " + status);
    assertNull(RecordingMonitorService.next(), path + " reached monitor-service");
  }

  @Test
  void nothingIsForwardedWithoutAToken() throws InterruptedException {
    given()
        .when()
        .get("/api/v1/monitors")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
    given()
        .header("Authorization", "Bearer amt_" + "0".repeat(40))
        .when()
        .get("/api/v1/channels")
        .then()
        .statusCode(401);
    assertNull(
        RecordingMonitorService.next(), "a request without a valid token reached monitor-service");
  }
}
