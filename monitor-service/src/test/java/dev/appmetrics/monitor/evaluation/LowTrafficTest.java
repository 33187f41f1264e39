package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Evaluations;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.MetricRows;
import dev.appmetrics.monitor.support.MetricRows.Point;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The low-traffic guard through real evaluations: a monitor that needs 50 events does not fire on a window of 10
 * events far over its level (its state says NOT_ENOUGH_DATA, no issue opens), and fires once the same window has 50.
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class LowTrafficTest {

  @Inject GrantPublisher grants;

  @Inject Evaluator evaluator;

  @Inject Pool pool;

  @Test
  void tenBreachingEventsAreNotEnoughDataAndFiftyFire() throws Throwable {
    Tenant tenant = Tenant.create(grants);
    String metric = "traffic.latency." + UUID.randomUUID().toString().replace("-", "");
    long monitorId =
        tenant.createMonitor(
            """
        {"name": "Checkout p95", "query": {"projects": [%d], "interval": "10s", "window": "1m",
          "queries": [{"label": "A", "metric": "%s", "aggregate": "p95"}]},
         "detection": {"type": "threshold", "direction": "above", "critical": 1000},
         "evaluation": {"every": "10s", "delay": "0s", "reduce": "max", "minEvents": 50}, "noData": "ok",
         "channels": []}
        """
                .formatted(tenant.projectId(), metric),
            "distribution");
    tenant.api().get("/api/v1/monitors/" + monitorId).then().statusCode(200);
    Instant slot = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 10 * 10);

    breaching(tenant, metric, slot, 0, 10);
    Evaluations.evaluate(pool, evaluator, monitorId, slot);
    JsonPath monitor =
        tenant.api().get("/api/v1/monitors/" + monitorId).then().extract().jsonPath();
    assertEquals("NOT_ENOUGH_DATA", monitor.getString("state"), monitor.prettify());
    assertEquals(5000.0, monitor.getDouble("lastValue"));
    assertEquals(0, issues(tenant, monitorId).getInt("total"));

    breaching(tenant, metric, slot, 10, 50);
    Evaluations.evaluate(pool, evaluator, monitorId, slot);
    assertEquals(
        "FIRING", tenant.api().get("/api/v1/monitors/" + monitorId).then().extract().path("state"));
    JsonPath issues = issues(tenant, monitorId);
    assertEquals(1, issues.getInt("total"));
    assertEquals("firing", issues.getString("items[0].status"));
  }

  /** Events {@code from} to {@code to} of the window before {@code slot}, each at 5 s. */
  private static void breaching(Tenant tenant, String metric, Instant slot, int from, int to)
      throws Exception {
    MetricRows.insert(
        tenant.organizationId(),
        tenant.projectId(),
        metric,
        "distribution",
        IntStream.range(from, to)
            .mapToObj(i -> new Point(slot.minusSeconds(30).plusMillis(i), 5000))
            .toList());
  }

  private static JsonPath issues(Tenant tenant, long monitorId) {
    return tenant
        .api()
        .queryParam("monitor", monitorId)
        .get("/api/v1/issues")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
