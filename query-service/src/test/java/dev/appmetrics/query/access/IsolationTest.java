package dev.appmetrics.query.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.auth.ApiAuthFilter;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint answers 403 for a project of another organization, and the very same for an unknown one; 401
 * without a token.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {

  @Inject Tenants tenants;

  @ConfigProperty(name = "appmetrics.auth.service-callers.monitor.token")
  String monitorToken;

  Tenant owner;
  Tenant stranger;

  @BeforeAll
  void createTenants() {
    owner = tenants.create();
    stranger = tenants.create();
  }

  List<Function<RequestSpecification, io.restassured.response.Response>> endpoints(long project) {
    Map<String, Object> timeseries =
        Map.of(
            "projects",
            List.of(project),
            "period",
            "1h",
            "queries",
            List.of(Map.of("label", "A", "metric", "m", "aggregate", "count")));
    Map<String, Object> samples =
        Map.of("projects", List.of(project), "period", "1h", "metric", "m");
    return List.of(
        r -> r.contentType(ContentType.JSON).body(timeseries).post("/api/v1/query/timeseries"),
        r -> r.contentType(ContentType.JSON).body(samples).post("/api/v1/query/samples"),
        r -> r.get("/api/v1/catalog/metrics?project=" + project),
        r -> r.get("/api/v1/catalog/metrics/m/attributes?project=" + project),
        r -> r.get("/api/v1/catalog/metrics/m/attributes/region/values?project=" + project),
        r -> r.get("/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736?project=" + project),
        r ->
            r.contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "project",
                        project,
                        "timestamp",
                        Instant.now().toString(),
                        "match",
                        Map.of("release", "1.0")))
                .post("/api/v1/traces/comparable"),
        r ->
            r.contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "project",
                        project,
                        "period",
                        "1h",
                        "conditions",
                        List.of(Map.of("kind", "span", "op", "http.server"))))
                .post("/api/v1/traces/search"));
  }

  @Test
  void everyEndpointRefusesProjectsOfAnotherOrganization() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint
          .apply(given().header("Authorization", stranger.bearer()))
          .then()
          .statusCode(403)
          .body("code", equalTo("forbidden"));
      endpoint.apply(given().header("Authorization", owner.bearer())).then().statusCode(200);
    }
  }

  @Test
  void everyEndpointRefusesUnknownProjects() {
    for (var endpoint : endpoints(owner.projectId() + 1)) {
      endpoint.apply(given().header("Authorization", owner.bearer())).then().statusCode(403);
    }
  }

  @Test
  void unknownAndForeignProjectsGetTheSameAnswerSoExistenceIsNotGuessable() {
    long unknown = owner.projectId() + 1;
    for (int i = 0; i < endpoints(0).size(); i++) {
      var foreign =
          endpoints(owner.projectId())
              .get(i)
              .apply(given().header("Authorization", stranger.bearer()));
      var missing =
          endpoints(unknown).get(i).apply(given().header("Authorization", stranger.bearer()));
      assertEquals(403, foreign.statusCode());
      assertEquals(foreign.statusCode(), missing.statusCode());
      assertEquals(
          foreign.asString().replace(Long.toString(owner.projectId()), "<project>"),
          missing.asString().replace(Long.toString(unknown), "<project>"));
    }
  }

  @Test
  void aProjectParameterThatIsMissingOrNoNumberIsAFourHundredNamingIt() {
    for (String path :
        List.of(
            "/api/v1/catalog/metrics",
            "/api/v1/catalog/metrics/m/attributes",
            "/api/v1/catalog/metrics/m/attributes/region/values",
            "/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736")) {
      for (String project : List.of("abc", "1e3", "99999999999999999999")) {
        given()
            .header("Authorization", owner.bearer())
            .get(path + "?project=" + project)
            .then()
            .statusCode(400)
            .body("code", equalTo("bad_request"))
            .body("message", equalTo("'project' must be a project id"));
      }
      given()
          .header("Authorization", owner.bearer())
          .get(path)
          .then()
          .statusCode(400)
          .body("message", equalTo("'project' is required"));
    }
  }

  @Test
  void everyEndpointNeedsAToken() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint.apply(given()).then().statusCode(401);
    }
  }

  @Test
  void monitorServiceReadsOnlyForTheOrganizationItNames() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint
          .apply(
              given()
                  .header("Authorization", "Bearer " + monitorToken)
                  .header(ApiAuthFilter.ORGANIZATION_HEADER, owner.organizationId()))
          .then()
          .statusCode(200);
      endpoint
          .apply(
              given()
                  .header("Authorization", "Bearer " + monitorToken)
                  .header(ApiAuthFilter.ORGANIZATION_HEADER, stranger.organizationId()))
          .then()
          .statusCode(403);
    }
  }

  @Test
  void monitorServiceCannotActForAnOrganizationWithoutProjects() {
    long unknownOrganization = owner.organizationId() + 1;
    given()
        .header("Authorization", "Bearer " + monitorToken)
        .header(ApiAuthFilter.ORGANIZATION_HEADER, unknownOrganization)
        .get("/api/v1/catalog/metrics?project=" + owner.projectId())
        .then()
        .statusCode(403)
        .body(
            "message",
            equalTo("No organization " + unknownOrganization + " with an active project"));
  }

  @Test
  void anApiTokenIgnoresTheOrganizationHeader() {
    for (var endpoint : endpoints(owner.projectId())) {
      endpoint
          .apply(
              given()
                  .header("Authorization", stranger.bearer())
                  .header(ApiAuthFilter.ORGANIZATION_HEADER, owner.organizationId()))
          .then()
          .statusCode(403);
    }
  }

  @Test
  void aProjectListWithOneForeignProjectIsRefusedWhole() {
    given()
        .header("Authorization", owner.bearer())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "projects",
                List.of(owner.projectId(), stranger.projectId()),
                "period",
                "1h",
                "queries",
                List.of(Map.of("label", "A", "metric", "m", "aggregate", "count"))))
        .post("/api/v1/query/timeseries")
        .then()
        .statusCode(403);
  }
}
