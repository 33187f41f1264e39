package dev.appmetrics.monitor.definition;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saving a monitor through the real query-service: its own bounds refused by monitor-service, its query judged by
 * query-service's validation (the one the Explorer's requests get), on create and on update, before anything is stored.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class MonitorApiTest {

  @Inject GrantPublisher grants;

  Tenant tenant;

  @BeforeEach
  void tenantKnownToQueryService() throws Exception {
    tenant = Tenant.create(grants);
    // A first monitor waits until query-service has read the new tenant, so refusals below are
    // query-service's.
    tenant.createMonitor(spec());
  }

  private String spec() {
    return Specs.thresholdMonitor(tenant.projectId(), "api.metric", 100, List.of(), "30s");
  }

  private void refusedOnCreate(String spec, String message) {
    tenant
        .api()
        .body(spec)
        .post("/api/v1/monitors")
        .then()
        .statusCode(400)
        .body("message", equalTo(message));
  }

  /** The values the audit saw accepted; the tenant keeps only its first monitor. */
  @Test
  void refusesOutOfRangeDurationsAndNumbersNamingTheField() {
    refusedOnCreate(
        spec().replace("\"window\": \"30s\"", "\"window\": \"1000d\""),
        "query.window must be between 10s and 30d, not '1000d'");
    refusedOnCreate(
        spec()
            .replace(
                "\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 100.0",
                "\"type\": \"change\", \"direction\": \"above\", \"critical\": 50, \"comparedTo\": \"100000d\""),
        "detection.comparedTo must be between 1s and 90d, not '100000d'");
    refusedOnCreate(
        spec().replace("\"critical\": 100.0", "\"critical\": 1e309"),
        "detection.critical must be a finite number");
    refusedOnCreate(
        spec().replace("\"critical\": 100.0", "\"critical\": \"NaN\""),
        "detection.critical must be a finite number");
    refusedOnCreate(
        spec().replace("\"every\": \"10s\"", "\"every\": \"999999999d\""),
        "evaluation.every must be between 10s and 1d, not '999999999d'");
    tenant.api().get("/api/v1/monitors").then().statusCode(200).body("total", equalTo(1));
  }

  @Test
  void refusesAFilterQueryServiceCannotParseOnCreateAndOnUpdate() throws Exception {
    String unparsable =
        spec()
            .replace("\"aggregate\": \"max\"", "\"aggregate\": \"max\", \"filter\": \"(route:a\"");
    tenant
        .api()
        .body(unparsable)
        .post("/api/v1/monitors")
        .then()
        .statusCode(400)
        .body("message", startsWith("query.queries[0].filter"));
    long id = tenant.createMonitor(spec());
    tenant
        .api()
        .body(unparsable)
        .put("/api/v1/monitors/" + id)
        .then()
        .statusCode(400)
        .body("message", startsWith("query.queries[0].filter"));
    tenant
        .api()
        .get("/api/v1/monitors/" + id)
        .then()
        .statusCode(200)
        .body(
            "query.queries[0]",
            equalTo(Map.of("label", "A", "metric", "api.metric", "aggregate", "max")));
  }

  /** Twelve weekly seasons in 10-second buckets: far more points than query-service answers for one series. */
  @Test
  void refusesAnAnomalyMonitorWhoseHistoryQueryServiceWouldNotRead() {
    String anomaly =
        spec()
            .replace("\"window\": \"30s\"", "\"window\": \"5m\"")
            .replace(
                "\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 100.0",
                "\"type\": \"anomaly\", \"season\": \"7d\", \"seasons\": 12");
    tenant
        .api()
        .body(anomaly)
        .post("/api/v1/monitors")
        .then()
        .statusCode(400)
        .body("message", startsWith("'query.interval' 10s"));
  }

  /** A channel still notified by a monitor is kept, with a 409 naming the monitor; once unused it can go. */
  @Test
  void aChannelInUseIsNotDeletedAndTheAnswerNamesItsMonitors() throws Exception {
    long channelId = new Channels(tenant).create(Specs.slackChannel("http://127.0.0.1:9/hook"));
    String notifying =
        Specs.thresholdMonitor(tenant.projectId(), "api.metric", 100, List.of(channelId), "30s");
    long monitorId = tenant.createMonitor(notifying);
    tenant
        .api()
        .delete("/api/v1/channels/" + channelId)
        .then()
        .statusCode(409)
        .body("details.field", contains("monitors"))
        .body(
            "details[0].reason",
            equalTo("monitor " + monitorId + " 'spike on api.metric' notifies this channel"));
    tenant.api().get("/api/v1/channels/" + channelId).then().statusCode(200);
    tenant.api().delete("/api/v1/monitors/" + monitorId).then().statusCode(204);
    tenant.api().delete("/api/v1/channels/" + channelId).then().statusCode(204);
  }
}
