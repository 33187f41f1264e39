package dev.appmetrics.monitor.silence;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.issue.IssueEvaluation;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Silences through the API: a per-group silence holds only its group's trigger, lists it as held, and once it has
 * expired the next evaluation sends it; a weekly maintenance window over a project's monitors (an RRULE in
 * Europe/Berlin whose occurrence covers now) holds that monitor's trigger and not another project's, while its issue
 * still resolves. Which instants a window covers across DST changes is {@link RRuleTests}' part.
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class SilenceApiTest {

  @Inject GrantPublisher grants;

  @Inject IssueEvaluation issues;

  @Inject MonitorSpecs specs;

  @Inject Vertx vertx;

  Tenant tenant;
  Channels channels;
  Receiver pagerDuty;
  long channelId;
  Instant slot = Instant.parse("2026-11-26T10:00:00Z");

  @BeforeEach
  void pagerDutyChannel() throws Exception {
    tenant = Tenant.create(grants);
    channels = new Channels(tenant);
    pagerDuty = Receiver.start(vertx).answering(202);
    channelId = channels.create(Specs.pagerDutyChannel(pagerDuty.url()));
  }

  @AfterEach
  void stopReceiver() throws Exception {
    pagerDuty.close();
  }

  private long monitor(long projectId) throws Exception {
    return tenant.createMonitor(
        Specs.thresholdMonitor(projectId, "silence.metric", 100, List.of(channelId), "30s"));
  }

  private void evaluate(long monitorId, GroupVerdict... verdicts) throws Throwable {
    slot = slot.plusSeconds(10);
    Issues.apply(issues, specs, monitorId, List.of(verdicts), slot);
  }

  private static GroupVerdict region(String region, Verdict verdict) {
    return new GroupVerdict(Map.of("region", region), verdict);
  }

  /** The triggers PagerDuty got, as "monitor group", once everything sent before has been delivered. */
  private List<String> triggers() throws InterruptedException {
    channels.awaitDelivery(channelId, channels.sendTest(channelId), "delivered");
    return pagerDuty.accepted().stream()
        .map(r -> JsonPath.from(r.body()))
        .filter(
            b ->
                "trigger".equals(b.getString("event_action"))
                    && b.getString("dedup_key").startsWith("appmetrics-"))
        .map(
            b ->
                b.getLong("payload.custom_details.issue.monitorId")
                    + " "
                    + b.getString("payload.custom_details.issue.group.region"))
        .toList();
  }

  private long silence(String body) {
    return tenant
        .api()
        .body(body)
        .post("/api/v1/silences")
        .then()
        .statusCode(201)
        .body("activeNow", equalTo(true))
        .extract()
        .jsonPath()
        .getLong("id");
  }

  @Test
  void aGroupSilenceHoldsOnlyItsGroupAndItsTriggerGoesOutOnceItExpired() throws Throwable {
    long monitorId = monitor(tenant.projectId());
    Instant now = Instant.now();
    long silenceId =
        silence(
            """
        {"comment": "eu deploy", "monitors": [%d], "match": "region:eu", "endsAt": "%s"}"""
                .formatted(monitorId, now.plus(Duration.ofHours(1))));
    evaluate(
        monitorId,
        region("eu", Verdict.breach(Severity.CRITICAL, 300, "over")),
        region("us", Verdict.breach(Severity.CRITICAL, 300, "over")));
    evaluate(
        monitorId,
        region("eu", Verdict.breach(Severity.CRITICAL, 310, "over")),
        region("us", Verdict.breach(Severity.CRITICAL, 310, "over")));
    assertEquals(List.of(monitorId + " us"), triggers());
    JsonPath held =
        tenant
            .api()
            .get("/api/v1/silences/" + silenceId + "/held")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, held.getList("$").size(), held.prettify());
    assertEquals("{\"region\":\"eu\"}", held.getString("[0].group"));
    assertEquals("trigger", held.getString("[0].event"));
    assertEquals("critical", held.getString("[0].severity"));

    // Expired (it ended a second ago): the next evaluation sends what it held.
    tenant
        .api()
        .body(
            """
        {"comment": "eu deploy", "monitors": [%d], "match": "region:eu", "startsAt": "%s", "endsAt": "%s"}"""
                .formatted(monitorId, now.minusSeconds(60), Instant.now().minusSeconds(1)))
        .put("/api/v1/silences/" + silenceId)
        .then()
        .statusCode(200)
        .body("activeNow", equalTo(false));
    evaluate(
        monitorId,
        region("eu", Verdict.breach(Severity.CRITICAL, 320, "over")),
        region("us", Verdict.breach(Severity.CRITICAL, 320, "over")));
    assertEquals(List.of(monitorId + " us", monitorId + " eu"), triggers());
  }

  @Test
  void aWeeklyMaintenanceWindowHoldsItsProjectsMonitorsWhileTheirIssuesStillResolve()
      throws Throwable {
    long otherProject = ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
    grants.publish(new ProjectGrant(otherProject, tenant.organizationId(), "other", true));
    long inWindow = monitor(tenant.projectId());
    long outside = monitor(otherProject);
    ZonedDateTime berlin = ZonedDateTime.now(ZoneId.of("Europe/Berlin"));
    String day =
        berlin
            .getDayOfWeek()
            .getDisplayName(TextStyle.SHORT, Locale.ROOT)
            .substring(0, 2)
            .toUpperCase(Locale.ROOT);
    long windowId =
        silence(
            """
        {"comment": "weekly maintenance", "project": %d, "startsAt": "%s",
         "recurrence": {"rrule": "FREQ=WEEKLY;BYDAY=%s;BYHOUR=%d;BYMINUTE=0", "timeZone": "Europe/Berlin",
                        "duration": "2h"}}"""
                .formatted(
                    tenant.projectId(),
                    Instant.now().minus(Duration.ofDays(30)),
                    day,
                    berlin.getHour()));

    tenant
        .api()
        .get("/api/v1/silences/" + windowId)
        .then()
        .statusCode(200)
        .body("activeNow", equalTo(true))
        .body("nextOccurrences.size()", equalTo(3));
    evaluate(inWindow, region("eu", Verdict.breach(Severity.CRITICAL, 300, "over")));
    evaluate(outside, region("eu", Verdict.breach(Severity.CRITICAL, 300, "over")));
    evaluate(inWindow, region("eu", Verdict.clear(1.0, "fine")));
    assertEquals(List.of(outside + " eu"), triggers());
    tenant
        .api()
        .get("/api/v1/silences/" + windowId + "/held")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].monitorId", equalTo((int) inWindow));
    tenant
        .api()
        .queryParam("monitor", inWindow)
        .get("/api/v1/issues")
        .then()
        .statusCode(200)
        .body("items[0].status", equalTo("resolved"));
    assertEquals(
        0, pagerDuty.accepted().stream().filter(r -> r.body().contains("\"resolve\"")).count());
  }

  /**
   * "Weekly, Sunday 02:00-04:00 Europe/Berlin" replayed over three Sundays around the autumn 2026 change (25 October,
   * 03:00 CEST becomes 02:00 CET): each probe is one group's breach at that instant, cleared 10 s later. Which probes
   * fall inside is written out by hand in UTC: 00:00-02:00Z on CEST Sundays, 01:00-03:00Z on CET ones, and on the day
   * of the change 00:00Z (02:00 CEST, the first of the two 02:00s) plus two elapsed hours.
   */
  @Test
  void aWeeklyMaintenanceWindowInBerlinHoldsExactlyTheTriggersInsideItAcrossTheDstChange()
      throws Throwable {
    long monitorId = monitor(tenant.projectId());
    long windowId =
        tenant
            .api()
            .body(
                """
        {"comment": "Sunday maintenance", "monitors": [%d], "startsAt": "2026-10-01T00:00:00Z",
         "recurrence": {"rrule": "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", "timeZone": "Europe/Berlin",
                        "duration": "2h"}}"""
                    .formatted(monitorId))
            .post("/api/v1/silences")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    Map<String, Boolean> insideByProbe = new LinkedHashMap<>();
    insideByProbe.put("2026-10-17T23:30:00Z", false); // Sunday 01:30 CEST
    insideByProbe.put("2026-10-18T00:30:00Z", true); // 02:30 CEST
    insideByProbe.put("2026-10-18T01:50:00Z", true); // 03:50 CEST
    insideByProbe.put("2026-10-18T02:30:00Z", false); // 04:30 CEST
    insideByProbe.put("2026-10-25T00:30:00Z", true); // 02:30 CEST, before the clocks go back
    insideByProbe.put(
        "2026-10-25T01:30:00Z", true); // 02:30 CET, the second 02:30: 1.5 h into the window
    insideByProbe.put(
        "2026-10-25T02:30:00Z", false); // 03:30 CET: the window's 2 h (elapsed) ended at 02:00Z
    insideByProbe.put("2026-10-31T00:30:00Z", false); // Saturday 01:30 CET
    insideByProbe.put(
        "2026-11-01T00:30:00Z", false); // Sunday 01:30 CET (in summer this instant was inside)
    insideByProbe.put("2026-11-01T01:30:00Z", true); // 02:30 CET
    insideByProbe.put(
        "2026-11-01T02:30:00Z", true); // 03:30 CET (in summer this instant was after it)
    insideByProbe.put("2026-11-01T03:00:00Z", false); // 04:00 CET: the end is not inside
    for (String probe : insideByProbe.keySet()) {
      Instant at = Instant.parse(probe);
      Issues.apply(
          issues,
          specs,
          monitorId,
          List.of(region(probe, Verdict.breach(Severity.CRITICAL, 300, "over"))),
          at,
          at);
      Issues.apply(
          issues,
          specs,
          monitorId,
          List.of(region(probe, Verdict.clear(1.0, "fine"))),
          at.plusSeconds(10),
          at.plusSeconds(10));
    }

    List<String> outside =
        insideByProbe.entrySet().stream()
            .filter(e -> !e.getValue())
            .map(e -> monitorId + " " + e.getKey())
            .toList();
    assertEquals(outside, triggers());
    List<String> inside =
        insideByProbe.entrySet().stream()
            .filter(Map.Entry::getValue)
            .map(e -> "{\"region\":\"" + e.getKey() + "\"}")
            .toList();
    assertEquals(
        inside,
        tenant
            .api()
            .get("/api/v1/silences/" + windowId + "/held")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("group", String.class));
  }

  @Test
  void aSilenceMustEndAndCoverTheCallersOwnMonitorsAndProjects() {
    tenant
        .api()
        .body("{\"match\": \"region:eu\"}")
        .post("/api/v1/silences")
        .then()
        .statusCode(400)
        .body("details[0].field", equalTo("endsAt"));
    tenant
        .api()
        .body("{\"monitors\": [999999999], \"endsAt\": \"2099-01-01T00:00:00Z\"}")
        .post("/api/v1/silences")
        .then()
        .statusCode(400)
        .body("details[0].field", equalTo("monitors"));
    tenant
        .api()
        .body("{\"project\": 999999, \"endsAt\": \"2099-01-01T00:00:00Z\"}")
        .post("/api/v1/silences")
        .then()
        .statusCode(400)
        .body("details[0].field", equalTo("project"));
    tenant
        .api()
        .body(
            "{\"match\": \"region\", \"recurrence\": {\"rrule\": \"FREQ=HOURLY\", \"timeZone\": \"UTC\", "
                + "\"duration\": \"1h\"}}")
        .post("/api/v1/silences")
        .then()
        .statusCode(400)
        .body("details.field", org.hamcrest.Matchers.contains("match", "recurrence.rrule"));
  }
}
