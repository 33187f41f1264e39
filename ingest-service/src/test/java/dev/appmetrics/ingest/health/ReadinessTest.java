package dev.appmetrics.ingest.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness asks the real dependencies of the local stack, so it is UP only when they answer. */
@QuarkusTest
class ReadinessTest {

  @Test
  void readyWhenItsDependenciesAnswer() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name", hasItems("Kafka connection health check", "credentials", "clickhouse"));
  }

  @Test
  void servesItsOpenApiDocument() {
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("ingest-service"));
  }
}
