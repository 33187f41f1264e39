package dev.appmetrics.query.warmup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.auth.CredentialStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A new replica warms itself up through its real API before it is ready (the test profile asks for 2 rounds of 3
 * requests), and afterwards the warm-up's project and token are gone.
 */
@QuarkusTest
class SelfWarmUpTest {

  @Inject SelfWarmUp warmUp;

  @Inject CredentialStore credentials;

  @Test
  void readinessWaitsForTheWarmUpWhoseRequestsAllSucceedThenItsGrantsAreGone() {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(warmUp::isDone);

    JsonPath ready =
        given()
            .when()
            .get("/q/health/ready")
            .then()
            .statusCode(200)
            .body("status", equalTo("UP"))
            .extract()
            .jsonPath();
    assertEquals(6, ready.getInt("checks.find { it.name == 'warm-up' }.data.requests"));
    assertEquals(
        6,
        ready.getInt("checks.find { it.name == 'warm-up' }.data.answered"),
        "every warm-up request went through the whole path and answered 200");
    assertTrue(credentials.project(SelfWarmUp.PROJECT).isEmpty(), "the warm-up project is revoked");
  }
}
