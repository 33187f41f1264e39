package dev.appmetrics.dashboard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.appmetrics.common.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness asks the real dependencies of the local stack, so it is UP only when they answer. */
@QuarkusTest
class ReadinessTest {

  @Test
  void readyWhenItsDependenciesAnswer() throws InterruptedException {
    // Credentials load from projects.config after start; until they have, readiness is rightly DOWN
    // (503).
    Eventually.status(
        200,
        Duration.ofSeconds(30),
        () -> given().when().get("/q/health/ready").then().extract().statusCode(),
        "dashboard-service ready");
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name",
            hasItems(
                "Kafka connection health check",
                "credentials",
                "Reactive PostgreSQL connections health check"));
  }

  @Test
  void servesItsOpenApiDocument() {
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("dashboard-service"));
  }
}
