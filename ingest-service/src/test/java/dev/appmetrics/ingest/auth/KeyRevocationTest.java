package dev.appmetrics.ingest.auth;

import static io.restassured.RestAssured.given;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.testing.Eventually;
import dev.appmetrics.common.testing.TopicGrants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A DSN key revoked in the control plane stops working on ingest within 10 seconds. The key travels only through
 * the projects.config topic, written by a producer of the test's own, as dashboard-service writes it.
 */
@QuarkusTest
class KeyRevocationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void revokedKeyIsRefusedWithin10Seconds() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long organizationId = random.nextLong(1, 1L << 40);
    long projectId = random.nextLong(1, 1L << 40);
    String key = UUID.randomUUID().toString().replace("-", "");
    try (TopicGrants topic = new TopicGrants(bootstrapServers)) {
      topic.publish(new ProjectGrant(projectId, organizationId, "p" + projectId, true));
      topic.publish(new ProjectKeyGrant(key, projectId, organizationId, 0, true));
      Eventually.status(200, DEADLINE, () -> send(projectId, key), "a newly published key");

      topic.publish(new ProjectKeyGrant(key, projectId, organizationId, 0, false));
      Eventually.status(401, DEADLINE, () -> send(projectId, key), "a revoked key");
    }
  }

  private static int send(long projectId, String key) {
    return given()
        .header("Authorization", "Bearer " + key)
        .contentType(ContentType.JSON)
        .body("{\"metrics\":[{\"name\":\"revocation.probe\",\"kind\":\"counter\",\"value\":1}]}")
        .when()
        .post("/api/v1/projects/" + projectId + "/metrics")
        .statusCode();
  }
}
