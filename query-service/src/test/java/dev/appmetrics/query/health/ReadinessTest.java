package dev.appmetrics.query.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Readiness asks the real dependencies of the local stack, so it is UP only when they answer, and waits for the
 * replica's warm-up (SelfWarmUpTest).
 */
@QuarkusTest
class ReadinessTest {

  @Test
  void readyWhenItsDependenciesAnswer() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
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
                "clickhouse",
                "clickhouse-schema",
                "warm-up"));
  }

  @Test
  void servesItsOpenApiDocument() {
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("info.title", equalTo("query-service"));
  }
}
