package dev.appmetrics.monitor.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.testing.GrantPublisher;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh organization with a read-write API token published on the real projects.config topic, and random project
 * ids, so tests never meet each other's (or other engineers') data.
 */
public record Tenant(long organizationId, String token, long tokenId, long projectId) {

  public static Tenant create(GrantPublisher grants) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long organizationId = random.nextLong(1_000_000_000L, 1_000_000_000_000L);
    long projectId = random.nextLong(1_000_000_000L, 1_000_000_000_000L);
    String token = "amt_test_" + UUID.randomUUID();
    long tokenId = random.nextLong(1, Long.MAX_VALUE);
    grants.publish(
        new TokenGrant(
            TokenHash.sha256(token),
            tokenId,
            organizationId,
            Set.of(Scope.READ, Scope.WRITE),
            true,
            "on-call"));
    grants.publish(new ProjectGrant(projectId, organizationId, "project-" + projectId, true));
    return new Tenant(organizationId, token, tokenId, projectId);
  }

  /** How an issue's history names what this tenant's token did: its id and its name. */
  public String actor() {
    return "token:" + tokenId + " (on-call)";
  }

  public RequestSpecification api() {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
  }

  /**
   * Saves a monitor and returns its id. A monitor is only saved on metrics with recent events, so each metric it
   * watches first gets one event a day ago (outside every test's evaluation window). query-service learns a new tenant
   * from the credentials topic a moment after monitor-service does, and until then cannot check the monitor's query:
   * the 503 that answers is waited out.
   */
  public long createMonitor(String spec) throws Exception {
    return createMonitor(spec, "gauge");
  }

  /** As {@link #createMonitor(String)}, on metrics of the given kind (p95 is only for distributions). */
  public long createMonitor(String spec, String kind) throws Exception {
    JsonPath json = JsonPath.from(spec);
    for (String metric : json.<String>getList("query.queries.metric")) {
      for (Object project : json.getList("query.projects")) {
        MetricRows.insert(
            organizationId,
            ((Number) project).longValue(),
            metric,
            kind,
            List.of(new MetricRows.Point(Instant.now().minus(Duration.ofDays(1)), 0)));
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      ExtractableResponse<Response> response =
          api().body(spec).post("/api/v1/monitors").then().extract();
      if (response.statusCode() != 503 || System.nanoTime() > deadline) {
        assertEquals(201, response.statusCode(), response.asString());
        return response.jsonPath().getLong("id");
      }
      Thread.sleep(200);
    }
  }
}
