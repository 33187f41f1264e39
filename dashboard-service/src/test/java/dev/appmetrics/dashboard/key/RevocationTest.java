package dev.appmetrics.dashboard.key;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.dashboard.organization.Tenants;
import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revocations reach other services through the topic: a second {@link CredentialStore}, built here and fed only by
 * Kafka (not by this service's own writes), stands for ingest-service or query-service.
 */
@QuarkusTest
class RevocationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Inject ObjectMapper json;

  @Inject Topics topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private CredentialStore otherService;

  @BeforeEach
  void followTheTopicLikeAnotherService() throws InterruptedException {
    otherService = new CredentialStore(json, topics, bootstrapServers);
    otherService.startFollowing();
    assertTrue(
        otherService.awaitCaughtUp(Duration.ofSeconds(60)), "the credentials topic was not read");
  }

  @AfterEach
  void stopFollowing() {
    otherService.stopFollowing();
  }

  @Test
  void aRevokedKeyDisappearsFromAnotherServiceWithinTenSeconds() {
    Tenant tenant = Tenants.create();
    awaitTrue(
        () -> otherService.projectKey(tenant.publicKey()).isPresent(),
        "the new key reached the other service");

    given()
        .auth()
        .oauth2(tenant.adminToken())
        .when()
        .delete("/api/v1/projects/" + tenant.projectId() + "/keys/" + tenant.keyId())
        .then()
        .statusCode(204);

    awaitTrue(
        () -> otherService.projectKey(tenant.publicKey()).isEmpty(),
        "the revoked key left the other service");
  }

  @Test
  void aRevokedTokenIsRefusedAtOnceAndLeavesAnotherServiceWithinTenSeconds() {
    Tenant tenant = Tenants.create();
    given().auth().oauth2(tenant.readToken()).when().get("/api/v1/projects").then().statusCode(200);
    awaitTrue(
        () -> otherService.token(tenant.readToken()).isPresent(),
        "the new token reached the other service");

    given()
        .auth()
        .oauth2(tenant.adminToken())
        .when()
        .delete("/api/v1/tokens/" + tenant.readTokenId())
        .then()
        .statusCode(204);

    given().auth().oauth2(tenant.readToken()).when().get("/api/v1/projects").then().statusCode(401);
    awaitTrue(
        () -> otherService.token(tenant.readToken()).isEmpty(),
        "the revoked token left the other service");
  }

  @Test
  void rotatingAKeyReplacesItEverywhere() {
    Tenant tenant = Tenants.create();
    String rotated =
        given()
            .auth()
            .oauth2(tenant.adminToken())
            .when()
            .post("/api/v1/projects/" + tenant.projectId() + "/keys/" + tenant.keyId() + "/rotate")
            .then()
            .statusCode(201)
            .extract()
            .path("publicKey");

    awaitTrue(
        () ->
            otherService.projectKey(rotated).isPresent()
                && otherService.projectKey(tenant.publicKey()).isEmpty(),
        "the other service has only the new key");
  }

  @Test
  void rotatingATokenRevokesTheOldSecret() {
    Tenant tenant = Tenants.create();
    String rotated =
        given()
            .auth()
            .oauth2(tenant.adminToken())
            .when()
            .post("/api/v1/tokens/" + tenant.readTokenId() + "/rotate")
            .then()
            .statusCode(201)
            .extract()
            .path("token");

    given().auth().oauth2(tenant.readToken()).when().get("/api/v1/projects").then().statusCode(401);
    given().auth().oauth2(rotated).when().get("/api/v1/projects").then().statusCode(200);
    awaitTrue(
        () ->
            otherService.token(rotated).isPresent()
                && otherService.token(tenant.readToken()).isEmpty(),
        "the other service has only the new token");
  }

  @Test
  void deletingAProjectRevokesItsKeys() {
    Tenant tenant = Tenants.create();
    JsonPath second =
        given()
            .auth()
            .oauth2(tenant.adminToken())
            .contentType("application/json")
            .body("{}")
            .when()
            .post("/api/v1/projects/" + tenant.projectId() + "/keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    given()
        .auth()
        .oauth2(tenant.adminToken())
        .when()
        .delete("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(204);

    given()
        .auth()
        .oauth2(tenant.adminToken())
        .when()
        .get("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(404);
    awaitTrue(
        () ->
            otherService.projectKey(tenant.publicKey()).isEmpty()
                && otherService.projectKey(second.getString("publicKey")).isEmpty()
                && otherService.project(tenant.projectId()).isEmpty(),
        "the project and its keys left the other service");
  }

  /** Polls until the condition holds, failing after {@link #DEADLINE}. */
  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + DEADLINE.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
