package dev.appmetrics.monitor.issue;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.Issues;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Receiver;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path that ends an issue's life closes the incident it paged: a PagerDuty-format receiver must see each
 * triggered dedup_key resolved exactly once, however the issue ended (cleared while muted or snoozed, after a snooze
 * that ended, its monitor disabled or deleted). Counted once a later notification to the same channel has arrived.
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class IssueLifecycleTest {

  @Inject GrantPublisher grants;

  @Inject IssueEvaluation issues;

  @Inject MonitorSpecs specs;

  @Inject Vertx vertx;

  @Inject Pool pool;

  Tenant tenant;
  Channels channels;
  Receiver pagerDuty;
  long channelId;
  long monitorId;
  Instant slot = Instant.parse("2026-11-26T10:00:00Z");

  @BeforeEach
  void monitorPagingPagerDuty() throws Exception {
    tenant = Tenant.create(grants);
    channels = new Channels(tenant);
    pagerDuty = Receiver.start(vertx).answering(202);
    channelId = channels.create(Specs.pagerDutyChannel(pagerDuty.url()));
    monitorId =
        tenant.createMonitor(
            Specs.thresholdMonitor(
                tenant.projectId(), "lifecycle.metric", 100, List.of(channelId), "30s"));
  }

  @AfterEach
  void stopReceiver() throws Exception {
    pagerDuty.close();
  }

  private void evaluate(Verdict verdict) throws Throwable {
    slot = slot.plusSeconds(10);
    Issues.apply(
        issues, specs, monitorId, List.of(new GroupVerdict(Map.of("region", "eu"), verdict)), slot);
  }

  private long openFiring(Severity severity) throws Throwable {
    evaluate(Verdict.breach(severity, 150, "over"));
    return tenant
        .api()
        .queryParam("monitor", monitorId)
        .get("/api/v1/issues")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("items[0].id");
  }

  /** PagerDuty's events by dedup_key and action, once everything sent before has been delivered. */
  private Map<String, List<String>> eventsByDedupKey() throws InterruptedException {
    channels.awaitDelivery(channelId, channels.sendTest(channelId), "delivered");
    return pagerDuty.accepted().stream()
        .map(r -> JsonPath.from(r.body()))
        .filter(body -> body.getString("dedup_key").startsWith("appmetrics-"))
        .collect(
            Collectors.groupingBy(
                body -> body.getString("dedup_key"),
                Collectors.mapping(body -> body.getString("event_action"), Collectors.toList())));
  }

  /** Each dedup_key triggered at least once and resolved exactly once, last. */
  private Map<String, List<String>> assertEveryIncidentResolvedOnce() throws InterruptedException {
    Map<String, List<String>> events = eventsByDedupKey();
    assertFalse(events.isEmpty(), "nothing was paged");
    events.forEach(
        (key, actions) -> {
          assertEquals(1, actions.stream().filter("resolve"::equals).count(), key + ": " + actions);
          assertEquals("resolve", actions.get(actions.size() - 1), key + ": " + actions);
        });
    return events;
  }

  @Test
  void mutedAfterTheTriggerTheClearStillResolves() throws Throwable {
    long issueId = openFiring(Severity.WARNING);
    tenant.api().post("/api/v1/issues/" + issueId + "/mute").then().statusCode(200);
    evaluate(Verdict.breach(Severity.CRITICAL, 250, "worse"));
    evaluate(Verdict.clear(1.0, "fine"));
    assertEquals(
        List.of(List.of("trigger", "resolve")),
        List.copyOf(assertEveryIncidentResolvedOnce().values()));
  }

  @Test
  void snoozeCoveringTheResolutionStillResolves() throws Throwable {
    long issueId = openFiring(Severity.WARNING);
    tenant
        .api()
        .body("{\"duration\": \"1h\"}")
        .post("/api/v1/issues/" + issueId + "/snooze")
        .then()
        .statusCode(200);
    evaluate(Verdict.clear(1.0, "fine"));
    assertEquals(
        List.of(List.of("trigger", "resolve")),
        List.copyOf(assertEveryIncidentResolvedOnce().values()));
  }

  /** The escalation a snooze held is sent when it runs out, at the next evaluation. */
  @Test
  void snoozeThatRunsOutSendsTheEscalationItHeld() throws Throwable {
    long issueId = openFiring(Severity.WARNING);
    tenant
        .api()
        .body("{\"duration\": \"1h\"}")
        .post("/api/v1/issues/" + issueId + "/snooze")
        .then()
        .statusCode(200);
    evaluate(Verdict.breach(Severity.CRITICAL, 250, "worse"));
    pool.preparedQuery(
            "UPDATE issues SET snoozed_until = now() - interval '1 second' WHERE id = $1")
        .execute(Tuple.of(issueId))
        .await()
        .atMost(Duration.ofSeconds(10));
    evaluate(Verdict.breach(Severity.CRITICAL, 260, "worse"));
    evaluate(Verdict.clear(1.0, "fine"));
    Map<String, List<String>> events = assertEveryIncidentResolvedOnce();
    assertEquals(List.of(List.of("trigger", "trigger", "resolve")), List.copyOf(events.values()));
    List<String> severities =
        pagerDuty.accepted().stream()
            .map(r -> JsonPath.from(r.body()))
            .filter(
                b ->
                    "trigger".equals(b.getString("event_action"))
                        && b.getString("dedup_key").startsWith("appmetrics-"))
            .map(b -> b.getString("payload.severity"))
            .toList();
    assertEquals(List.of("warning", "critical"), severities);
  }

  @Test
  void unsnoozeSendsTheEscalationItHeldAtOnce() throws Throwable {
    long issueId = openFiring(Severity.WARNING);
    tenant
        .api()
        .body("{\"duration\": \"1h\"}")
        .post("/api/v1/issues/" + issueId + "/snooze")
        .then()
        .statusCode(200);
    evaluate(Verdict.breach(Severity.CRITICAL, 250, "worse"));
    tenant.api().post("/api/v1/issues/" + issueId + "/unsnooze").then().statusCode(200);
    pagerDuty.await(r -> r.body().contains("\"critical\""), 1, Channels.PATIENCE);
    evaluate(Verdict.clear(1.0, "fine"));
    assertEquals(
        List.of(List.of("trigger", "trigger", "resolve")),
        List.copyOf(assertEveryIncidentResolvedOnce().values()));
  }

  @Test
  void disablingTheMonitorResolvesItsIssues() throws Throwable {
    long issueId = openFiring(Severity.CRITICAL);
    String disabled =
        Specs.thresholdMonitor(
                tenant.projectId(), "lifecycle.metric", 100, List.of(channelId), "30s")
            .replace("\"noData\"", "\"enabled\": false, \"noData\"");
    tenant
        .api()
        .body(disabled)
        .put("/api/v1/monitors/" + monitorId)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("state", equalTo("DISABLED"));
    tenant
        .api()
        .get("/api/v1/issues/" + issueId)
        .then()
        .body("status", equalTo("resolved"))
        .body("history.actor", contains("evaluation", tenant.actor()));
    assertEquals(
        List.of(List.of("trigger", "resolve")),
        List.copyOf(assertEveryIncidentResolvedOnce().values()));
  }

  @Test
  void deletingTheMonitorResolvesItsIssuesAndKeepsTheirHistory() throws Throwable {
    long issueId = openFiring(Severity.CRITICAL);
    tenant.api().delete("/api/v1/monitors/" + monitorId).then().statusCode(204);
    tenant.api().get("/api/v1/monitors/" + monitorId).then().statusCode(404);
    tenant.api().delete("/api/v1/monitors/" + monitorId).then().statusCode(404);
    tenant.api().get("/api/v1/monitors").then().body("items.id", not(hasItem((int) monitorId)));
    tenant
        .api()
        .get("/api/v1/issues/" + issueId)
        .then()
        .statusCode(200)
        .body("status", equalTo("resolved"))
        .body("history.message", contains("over", "Resolved: the monitor was deleted"));
    // An evaluation already under way when the monitor was deleted changes nothing.
    evaluate(Verdict.breach(Severity.CRITICAL, 300, "over"));
    tenant
        .api()
        .queryParam("monitor", monitorId)
        .get("/api/v1/issues")
        .then()
        .body("total", equalTo(1));
    assertEquals(
        List.of(List.of("trigger", "resolve")),
        List.copyOf(assertEveryIncidentResolvedOnce().values()));
  }

  /** A monitor reminding every minute: its critical issue is triggered again (same dedup_key) until it resolves. */
  @Test
  void remindersRepeatTheTriggerWhileCriticalAndTheResolveStillComesOnce() throws Throwable {
    monitorId =
        tenant.createMonitor(
            Specs.thresholdMonitor(
                    tenant.projectId(), "lifecycle.metric", 100, List.of(channelId), "30s")
                .replace("\"reduce\": \"max\"", "\"reduce\": \"max\", \"remindEvery\": \"1m\""));
    long issueId = openFiring(Severity.CRITICAL);
    evaluate(Verdict.breach(Severity.CRITICAL, 260, "still over"));
    pool.preparedQuery("UPDATE issues SET paged_at = now() - interval '61 seconds' WHERE id = $1")
        .execute(Tuple.of(issueId))
        .await()
        .atMost(Duration.ofSeconds(10));
    evaluate(Verdict.breach(Severity.CRITICAL, 270, "still over"));
    evaluate(Verdict.breach(Severity.CRITICAL, 280, "still over"));
    evaluate(Verdict.clear(1.0, "fine"));
    assertEquals(
        List.of(List.of("trigger", "trigger", "resolve")),
        List.copyOf(assertEveryIncidentResolvedOnce().values()));
    tenant
        .api()
        .get("/api/v1/issues/" + issueId + "/deliveries")
        .then()
        .statusCode(200)
        .body("event", contains("trigger", "reminder", "resolve"));
  }
}
