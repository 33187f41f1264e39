package dev.appmetrics.monitor.issue;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.Issues;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issues per group from verdicts, their history, and mute, snooze and manual resolve through the API. */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class IssueApiTest {

  @Inject GrantPublisher grants;

  @Inject IssueEvaluation issues;

  @Inject MonitorSpecs specs;

  Tenant tenant;
  long channelId;
  long monitorId;

  @BeforeEach
  void monitorWithOneChannel() throws Exception {
    tenant = Tenant.create(grants);
    channelId = new Channels(tenant).create(Specs.slackChannel("http://127.0.0.1:9/hook"));
    monitorId =
        tenant.createMonitor(
            Specs.thresholdMonitor(
                tenant.projectId(), "issue.metric", 100, List.of(channelId), "30s"));
  }

  private List<Notification> evaluate(Instant slot, GroupVerdict... verdicts) throws Throwable {
    return Issues.apply(issues, specs, monitorId, List.of(verdicts), slot);
  }

  private static GroupVerdict eu(Verdict verdict) {
    return new GroupVerdict(Map.of("region", "eu"), verdict);
  }

  private static GroupVerdict us(Verdict verdict) {
    return new GroupVerdict(Map.of("region", "us"), verdict);
  }

  @Test
  void eachGroupHasItsOwnIssueAndRepeatedBreachesAreDeduplicated() throws Throwable {
    Instant slot = Instant.parse("2026-11-25T10:00:00Z");
    List<Notification> first =
        evaluate(
            slot,
            eu(Verdict.breach(Severity.CRITICAL, 300, "over")),
            us(Verdict.clear(1.0, "fine")));
    assertEquals(1, first.size());
    assertEquals(Notification.Event.TRIGGER, first.get(0).event());
    assertEquals(Map.of("region", "eu"), first.get(0).alert().group());
    assertEquals(
        0,
        evaluate(slot.plusSeconds(10), eu(Verdict.breach(Severity.CRITICAL, 320, "over"))).size());
    List<Notification> second =
        evaluate(
            slot.plusSeconds(20),
            eu(Verdict.breach(Severity.CRITICAL, 330, "over")),
            us(Verdict.breach(Severity.WARNING, 150, "over")));
    assertEquals(1, second.size());
    assertEquals(Map.of("region", "us"), second.get(0).alert().group());
    tenant
        .api()
        .queryParam("monitor", monitorId)
        .queryParam("status", "firing")
        .get("/api/v1/issues")
        .then()
        .statusCode(200)
        .body("total", equalTo(2));
  }

  @Test
  void resolvingNotifiesWithTheIssuesDedupKeyAndRecordsHistory() throws Throwable {
    Instant slot = Instant.parse("2026-11-25T11:00:00Z");
    Notification trigger = evaluate(slot, eu(Verdict.breach(Severity.WARNING, 150, "over"))).get(0);
    Notification escalation =
        evaluate(slot.plusSeconds(10), eu(Verdict.breach(Severity.CRITICAL, 250, "over"))).get(0);
    Notification resolve = evaluate(slot.plusSeconds(20), eu(Verdict.clear(5.0, "fine"))).get(0);
    assertEquals(Notification.Event.RESOLVE, resolve.event());
    assertEquals(trigger.alert().dedupKey(), escalation.alert().dedupKey());
    assertEquals(trigger.alert().dedupKey(), resolve.alert().dedupKey());
    tenant
        .api()
        .get("/api/v1/issues/" + trigger.alert().issueId())
        .then()
        .statusCode(200)
        .body("status", equalTo("resolved"))
        .body("resolvedAt", notNullValue())
        .body("history.status", contains("firing", "firing", "resolved"))
        .body("history.severity", contains("warning", "critical", "critical"));
  }

  @Test
  void mutedIssueChangesStateButNotifiesNobody() throws Throwable {
    Instant slot = Instant.parse("2026-11-25T12:00:00Z");
    long issueId =
        evaluate(slot, eu(Verdict.breach(Severity.WARNING, 150, "over"))).get(0).alert().issueId();
    tenant
        .api()
        .post("/api/v1/issues/" + issueId + "/mute")
        .then()
        .statusCode(200)
        .body("muted", equalTo(true));
    assertTrue(
        evaluate(slot.plusSeconds(10), eu(Verdict.breach(Severity.CRITICAL, 250, "over")))
            .isEmpty());
    tenant.api().get("/api/v1/issues/" + issueId).then().body("severity", equalTo("critical"));
    tenant
        .api()
        .post("/api/v1/issues/" + issueId + "/unmute")
        .then()
        .statusCode(200)
        .body("muted", equalTo(false));
    assertEquals(1, evaluate(slot.plusSeconds(20), eu(Verdict.clear(1.0, "fine"))).size());
  }

  @Test
  void snoozedIssueHoldsAnEscalationButStillResolvesWhatWasPaged() throws Throwable {
    Instant slot = Instant.parse("2026-11-25T13:00:00Z");
    long issueId =
        evaluate(slot, eu(Verdict.breach(Severity.WARNING, 150, "over"))).get(0).alert().issueId();
    tenant
        .api()
        .body("{\"duration\": \"1h\"}")
        .post("/api/v1/issues/" + issueId + "/snooze")
        .then()
        .statusCode(200)
        .body("snoozedUntil", notNullValue());
    assertTrue(
        evaluate(slot.plusSeconds(10), eu(Verdict.breach(Severity.CRITICAL, 250, "over")))
            .isEmpty());
    List<Notification> resolve = evaluate(slot.plusSeconds(20), eu(Verdict.clear(1.0, "fine")));
    assertEquals(
        List.of(Notification.Event.RESOLVE), resolve.stream().map(Notification::event).toList());
    tenant.api().get("/api/v1/issues/" + issueId).then().body("status", equalTo("resolved"));
  }

  /** 999999999 days from now is past what PostgreSQL holds: it stored a wrapped date before the bound. */
  @Test
  void refusesASnoozeOutsideAMinuteToNinetyDaysNamingTheField() throws Throwable {
    long issueId =
        evaluate(
                Instant.parse("2026-11-25T13:30:00Z"),
                eu(Verdict.breach(Severity.WARNING, 150, "over")))
            .get(0)
            .alert()
            .issueId();
    for (String duration : List.of("999999999d", "91d", "59s")) {
      tenant
          .api()
          .body("{\"duration\": \"" + duration + "\"}")
          .post("/api/v1/issues/" + issueId + "/snooze")
          .then()
          .statusCode(400)
          .body("message", equalTo("duration must be between 1m and 90d, not '" + duration + "'"))
          .body("details[0].field", equalTo("duration"));
    }
    tenant
        .api()
        .get("/api/v1/issues/" + issueId)
        .then()
        .statusCode(200)
        .body("snoozedUntil", nullValue());
  }

  @Test
  void muteAndSnoozeOnlyOpenIssuesAndRecordWhoActedOnce() throws Throwable {
    Instant slot = Instant.parse("2026-11-25T13:45:00Z");
    long issueId =
        evaluate(slot, eu(Verdict.breach(Severity.WARNING, 150, "over"))).get(0).alert().issueId();
    tenant.api().post("/api/v1/issues/" + issueId + "/mute").then().statusCode(200);
    tenant.api().post("/api/v1/issues/" + issueId + "/mute").then().statusCode(200);
    tenant
        .api()
        .body("{\"duration\": \"1h\"}")
        .post("/api/v1/issues/" + issueId + "/snooze")
        .then()
        .statusCode(200);
    tenant
        .api()
        .post("/api/v1/issues/" + issueId + "/unsnooze")
        .then()
        .statusCode(200)
        .body("snoozedUntil", nullValue());
    tenant
        .api()
        .get("/api/v1/issues/" + issueId)
        .then()
        .body(
            "history.message",
            contains(
                equalTo("over"),
                equalTo("Muted"),
                startsWith("Snoozed until"),
                equalTo("Snooze ended")))
        .body(
            "history.actor",
            contains("evaluation", tenant.actor(), tenant.actor(), tenant.actor()));
    evaluate(slot.plusSeconds(10), eu(Verdict.clear(1.0, "fine")));
    tenant.api().post("/api/v1/issues/" + issueId + "/mute").then().statusCode(409);
    tenant
        .api()
        .body("{\"duration\": \"1h\"}")
        .post("/api/v1/issues/" + issueId + "/snooze")
        .then()
        .statusCode(409);
  }

  @Test
  void refusesAPageBeyondWhatAnOffsetCanHold() {
    tenant
        .api()
        .queryParam("page", Integer.MAX_VALUE)
        .get("/api/v1/issues")
        .then()
        .statusCode(400)
        .body("message", equalTo("page must be between 0 and " + (Integer.MAX_VALUE / 200)));
  }

  @Test
  void manualResolveClosesTheIssueOnceAndTellsItsChannels() throws Throwable {
    long issueId =
        evaluate(
                Instant.parse("2026-11-25T14:00:00Z"),
                eu(Verdict.breach(Severity.WARNING, 150, "over")))
            .get(0)
            .alert()
            .issueId();
    tenant
        .api()
        .post("/api/v1/issues/" + issueId + "/resolve")
        .then()
        .statusCode(200)
        .body("status", equalTo("resolved"))
        .body("history.message", contains("over", "Resolved manually"));
    tenant.api().post("/api/v1/issues/" + issueId + "/resolve").then().statusCode(409);
    // Through the outbox and Kafka: generous, as a consumer group rebalance can hold up consumption
    // for a while.
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!tenant
        .api()
        .get("/api/v1/issues/" + issueId + "/deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("event")
        .contains("resolve")) {
      assertTrue(System.nanoTime() < deadline, "no resolve notification reached the delivery log");
      Thread.sleep(100);
    }
  }

  @Test
  void pendingIssueFiresOnlyAfterTheRequiredConsecutiveBreaches() throws Throwable {
    String spec =
        Specs.thresholdMonitor(tenant.projectId(), "issue.metric", 100, List.of(channelId), "30s")
            .replace("\"reduce\": \"max\"", "\"reduce\": \"max\", \"consecutive\": 2");
    monitorId = tenant.createMonitor(spec);
    Instant slot = Instant.parse("2026-11-25T15:00:00Z");
    assertTrue(evaluate(slot, eu(Verdict.breach(Severity.CRITICAL, 300, "over"))).isEmpty());
    tenant
        .api()
        .queryParam("monitor", monitorId)
        .get("/api/v1/issues")
        .then()
        .body("items[0].status", equalTo("pending"));
    assertEquals(
        1,
        evaluate(slot.plusSeconds(10), eu(Verdict.breach(Severity.CRITICAL, 300, "over"))).size());
  }

  @Test
  void rejectsAnUnknownStatusFilter() {
    tenant
        .api()
        .queryParam("status", "open")
        .get("/api/v1/issues")
        .then()
        .statusCode(400)
        .body("message", equalTo("status must be pending, firing or resolved"));
  }
}
