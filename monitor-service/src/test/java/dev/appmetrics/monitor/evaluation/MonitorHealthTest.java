package dev.appmetrics.monitor.evaluation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Evaluations;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.MetricRows;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A monitor's health through the API after real evaluations against the real query-service: its state and last value
 * after a success, ERROR with the reason after three failures in a row (its project deactivated, so query-service
 * refuses the query), and back once an evaluation succeeds.
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class MonitorHealthTest {

  @Inject GrantPublisher grants;

  @Inject Evaluator evaluator;

  @Inject Pool pool;

  private JsonPath evaluateAndRead(Tenant tenant, long monitorId) throws Throwable {
    Evaluations.evaluate(pool, evaluator, monitorId, Instant.now());
    return tenant
        .api()
        .get("/api/v1/monitors/" + monitorId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void showsTheLastValueThenErrorAfterThreeFailuresInARowThenRecovers() throws Throwable {
    Tenant tenant = Tenant.create(grants);
    long monitorId =
        tenant.createMonitor(
            Specs.thresholdMonitor(tenant.projectId(), "health.metric", 100, List.of(), "1m"));
    tenant
        .api()
        .get("/api/v1/monitors/" + monitorId)
        .then()
        .body("state", equalTo("OK"))
        .body("lastEvaluatedAt", nullValue())
        .body("consecutiveFailures", equalTo(0));
    Instant now = Instant.now();
    MetricRows.insert(
        tenant.organizationId(),
        tenant.projectId(),
        "health.metric",
        List.of(
            new MetricRows.Point(now.minusSeconds(30), 250),
            new MetricRows.Point(now.minusSeconds(40), 250)));
    JsonPath firing = evaluateAndRead(tenant, monitorId);
    assertEquals("FIRING", firing.getString("state"), firing.prettify());
    assertEquals(250.0, firing.getDouble("lastValue"));

    grants.publish(new ProjectGrant(tenant.projectId(), tenant.organizationId(), "project", false));
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    JsonPath health = evaluateAndRead(tenant, monitorId);
    while (!"ERROR".equals(health.getString("state")) && System.nanoTime() < deadline) {
      health = evaluateAndRead(tenant, monitorId);
    }
    assertEquals("ERROR", health.getString("state"), health.prettify());
    assertEquals(3, health.getInt("consecutiveFailures"));
    assertNotNull(health.getString("lastError"));

    grants.publish(new ProjectGrant(tenant.projectId(), tenant.organizationId(), "project", true));
    deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!"FIRING".equals(health.getString("state")) && System.nanoTime() < deadline) {
      health = evaluateAndRead(tenant, monitorId);
    }
    tenant
        .api()
        .get("/api/v1/monitors")
        .then()
        .body("items[0].state", equalTo("FIRING"))
        .body("items[0].consecutiveFailures", equalTo(0))
        .body("items[0].lastError", nullValue())
        .body("items[0].lastEvaluatedAt", notNullValue());
  }
}
