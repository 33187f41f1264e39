package dev.appmetrics.query.warmup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.query.support.Tenant;
import dev.appmetrics.query.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A new replica warms itself up through its real API before it is ready (the test profile asks for 2 rounds of 3
 * requests), and afterwards the warm-up's project and token are gone; it reads the busiest known project of the
 * last hour.
 */
@QuarkusTest
class SelfWarmUpTest {

  @Inject SelfWarmUp warmUp;

  @Inject CredentialStore credentials;

  @Inject WarmUpTargets targets;

  @Inject Tenants tenants;

  @Inject ClickHouseClient clickHouse;

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

  @Test
  void readsTheBusiestKnownProjectOfTheLastHourWithItsCommonestAttribute() throws Exception {
    Tenant tenant = tenants.create();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> credentials.project(tenant.projectId()).isPresent());
    String metric = "warm.busy." + UUID.randomUUID().toString().substring(0, 8);
    clickHouse
        .execute(
            "INSERT INTO metric_events (organization_id, project_id, metric_name, metric_kind, timestamp,"
                + " timestamp_ms, value, client_sample_rate, attr_string_keys, attr_string_values)"
                + " SELECT "
                + tenant.organizationId()
                + ", "
                + tenant.projectId()
                + ", '"
                + metric
                + "', 'distribution', now() - 60, toInt64(toUInt32(now()) - 60) * 1000, number % 500,"
                + " 1, ['region', 'route'], ['eu', concat('/', toString(number % 7))]"
                + " FROM system.numbers LIMIT 200000",
            "query-test",
            Map.of())
        .await()
        .atMost(Duration.ofSeconds(60));

    assertEquals(
        new WarmUpTarget(tenant.organizationId(), tenant.projectId(), metric, "region", "eu", true),
        targets.pick());
    assertTrue(
        credentials.project(tenant.projectId()).isPresent(),
        "the warm-up never adds or removes a real project");
  }
}
