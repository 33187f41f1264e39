package dev.appmetrics.query.access;

import static io.restassured.RestAssured.given;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.testing.Eventually;
import dev.appmetrics.common.testing.TopicGrants;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An API token revoked in the control plane stops working on query-service within 10 seconds. The token travels
 * only through the projects.config topic, written by a producer of the test's own, as dashboard-service writes it.
 */
@QuarkusTest
class TokenRevocationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void revokedTokenIsRefusedWithin10Seconds() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long organizationId = random.nextLong(1, 1L << 40);
    long projectId = random.nextLong(1, 1L << 40);
    long tokenId = random.nextLong(1, 1L << 40);
    String token = "amt_" + UUID.randomUUID().toString().replace("-", "");
    try (TopicGrants topic = new TopicGrants(bootstrapServers)) {
      topic.publish(new ProjectGrant(projectId, organizationId, "p" + projectId, true));
      topic.publish(
          new TokenGrant(
              TokenHash.sha256(token), tokenId, organizationId, Set.of(Scope.READ), true, "ci"));
      Eventually.status(200, DEADLINE, () -> catalog(projectId, token), "a newly published token");

      topic.publish(
          new TokenGrant(
              TokenHash.sha256(token), tokenId, organizationId, Set.of(Scope.READ), false, "ci"));
      Eventually.status(401, DEADLINE, () -> catalog(projectId, token), "a revoked token");
    }
  }

  private static int catalog(long projectId, String token) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("project", projectId)
        .when()
        .get("/api/v1/catalog/metrics")
        .statusCode();
  }
}
