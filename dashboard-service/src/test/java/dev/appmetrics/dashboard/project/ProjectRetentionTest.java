package dev.appmetrics.dashboard.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.kafka.Topics;
import dev.appmetrics.dashboard.organization.Tenants;
import dev.appmetrics.dashboard.organization.Tenants.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A project's retention is set through the control-plane API within the documented classes and travels with the
 * project on projects.config: a second {@link CredentialStore}, fed only by Kafka, stands for ingest-service's writer.
 */
@QuarkusTest
class ProjectRetentionTest {

  @Inject ObjectMapper json;

  @Inject Topics topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void aNewClassIsStoredShownAndReachesAnotherService() throws InterruptedException {
    Tenant tenant = Tenants.create();
    given()
        .auth()
        .oauth2(tenant.readToken())
        .when()
        .get("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(200)
        .body("retentionDays", equalTo(30))
        .body("downsampledRetentionDays", equalTo(396));

    given()
        .auth()
        .oauth2(tenant.adminToken())
        .contentType(ContentType.JSON)
        .body("{\"days\": 90}")
        .when()
        .put("/api/v1/projects/" + tenant.projectId() + "/retention")
        .then()
        .statusCode(200)
        .body("id", equalTo((int) tenant.projectId()))
        .body("retentionDays", equalTo(90));
    given()
        .auth()
        .oauth2(tenant.adminToken())
        .contentType(ContentType.JSON)
        .body("{\"downsampledDays\": 180}")
        .when()
        .put("/api/v1/projects/" + tenant.projectId() + "/retention")
        .then()
        .statusCode(200)
        .body("retentionDays", equalTo(90))
        .body("downsampledRetentionDays", equalTo(180));
    given()
        .auth()
        .oauth2(tenant.readToken())
        .when()
        .get("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(200)
        .body("retentionDays", equalTo(90))
        .body("downsampledRetentionDays", equalTo(180));

    CredentialStore otherService = new CredentialStore(json, topics, bootstrapServers);
    otherService.startFollowing();
    try {
      assertTrue(
          otherService.awaitCaughtUp(Duration.ofSeconds(60)), "the credentials topic was not read");
      Instant deadline = Instant.now().plusSeconds(10);
      while (otherService.downsampledRetentionDays(tenant.projectId()) != 180
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertTrue(
          otherService.retentionDays(tenant.projectId()) == 90
              && otherService.downsampledRetentionDays(tenant.projectId()) == 180,
          "the classes reached the other service");
    } finally {
      otherService.stopFollowing();
    }
  }

  @Test
  void refusesAClassOutsideTheDocumentedOnesNamingTheField() {
    Tenant tenant = Tenants.create();
    for (String body :
        new String[] {"{\"days\": 31}", "{\"days\": 0}", "{\"days\": 100000}", "{}"}) {
      given()
          .auth()
          .oauth2(tenant.adminToken())
          .contentType(ContentType.JSON)
          .body(body)
          .when()
          .put("/api/v1/projects/" + tenant.projectId() + "/retention")
          .then()
          .statusCode(400)
          .body("details[0].field", equalTo("days"));
    }
    // Not a tier class; and tiers kept shorter than the events they sample.
    for (String body :
        new String[] {"{\"downsampledDays\": 365}", "{\"days\": 180, \"downsampledDays\": 90}"}) {
      given()
          .auth()
          .oauth2(tenant.adminToken())
          .contentType(ContentType.JSON)
          .body(body)
          .when()
          .put("/api/v1/projects/" + tenant.projectId() + "/retention")
          .then()
          .statusCode(400)
          .body("details[0].field", equalTo("downsampledDays"));
    }
    given()
        .auth()
        .oauth2(tenant.adminToken())
        .contentType(ContentType.JSON)
        .body("{\"days\": \"long\"}")
        .when()
        .put("/api/v1/projects/" + tenant.projectId() + "/retention")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(tenant.readToken())
        .when()
        .get("/api/v1/projects/" + tenant.projectId())
        .then()
        .statusCode(200)
        .body("retentionDays", equalTo(30))
        .body("downsampledRetentionDays", equalTo(396));
  }

  @Test
  void onlyAnAdminTokenChangesIt() {
    Tenant tenant = Tenants.create();
    given()
        .auth()
        .oauth2(tenant.readToken())
        .contentType(ContentType.JSON)
        .body("{\"days\": 90}")
        .when()
        .put("/api/v1/projects/" + tenant.projectId() + "/retention")
        .then()
        .statusCode(403);
  }
}
