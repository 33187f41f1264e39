package dev.appmetrics.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.issue.IssueEvaluation;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.Issues;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every monitor, issue and channel endpoint refuses another organization's resources with 403. */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class IsolationTest {

  @Inject GrantPublisher grants;

  @Inject IssueEvaluation issues;

  @Inject MonitorSpecs specs;

  Tenant owner;
  Tenant stranger;
  long channelId;
  long monitorId;
  long issueId;

  @BeforeEach
  void ownerHasAChannelAMonitorAndAnIssue() throws Throwable {
    owner = Tenant.create(grants);
    stranger = Tenant.create(grants);
    channelId =
        owner
            .api()
            .body(Specs.slackChannel("http://127.0.0.1:9/hook"))
            .post("/api/v1/channels")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    monitorId =
        owner.createMonitor(
            Specs.thresholdMonitor(
                owner.projectId(), "isolation.metric", 10, List.of(channelId), "30s"));
    Issues.apply(
        issues,
        specs,
        monitorId,
        List.of(new GroupVerdict(Map.of(), Verdict.breach(Severity.CRITICAL, 99, "over"))),
        Instant.now());
    issueId =
        owner
            .api()
            .queryParam("monitor", monitorId)
            .get("/api/v1/issues")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("items[0].id");
  }

  private void forbidden(Function<RequestSpecification, io.restassured.response.Response> call) {
    call.apply(stranger.api()).then().statusCode(403).body("code", equalTo("forbidden"));
  }

  @Test
  void monitorEndpointsRefuseAnotherOrganization() {
    forbidden(r -> r.get("/api/v1/monitors/" + monitorId));
    forbidden(
        r ->
            r.body(Specs.thresholdMonitor(stranger.projectId(), "m", 1, List.of(), "30s"))
                .put("/api/v1/monitors/" + monitorId));
    forbidden(r -> r.delete("/api/v1/monitors/" + monitorId));
    stranger.api().get("/api/v1/monitors").then().statusCode(200).body("total", equalTo(0));
    owner
        .api()
        .get("/api/v1/monitors/" + monitorId)
        .then()
        .statusCode(200)
        .body("name", equalTo("spike on isolation.metric"));
  }

  /**
   * Unknown and foreign projects get the same answer, on create and on update, so existence is not guessable: a 400
   * naming query.projects, since the monitor itself is the caller's.
   */
  @Test
  void monitorsCannotWatchAnotherOrganizationsOrAnUnknownProject() throws Exception {
    long unknown = owner.projectId() + 1;
    for (long project : List.of(owner.projectId(), unknown)) {
      stranger
          .api()
          .body(Specs.thresholdMonitor(project, "m", 1, List.of(), "30s"))
          .post("/api/v1/monitors")
          .then()
          .statusCode(400)
          .body("message", equalTo("Project " + project + " is not one of your organization's"))
          .body("details[0].field", equalTo("query.projects"));
    }
    long strangersMonitor =
        stranger.createMonitor(
            Specs.thresholdMonitor(stranger.projectId(), "m", 1, List.of(), "30s"));
    stranger
        .api()
        .body(Specs.thresholdMonitor(owner.projectId(), "m", 1, List.of(), "30s"))
        .put("/api/v1/monitors/" + strangersMonitor)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Project " + owner.projectId() + " is not one of your organization's"));
  }

  @Test
  void monitorsCannotNotifyAnotherOrganizationsChannel() {
    stranger
        .api()
        .body(Specs.thresholdMonitor(stranger.projectId(), "m", 1, List.of(channelId), "30s"))
        .post("/api/v1/monitors")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("channels names a channel that does not exist in this organization"));
  }

  @Test
  void issueEndpointsRefuseAnotherOrganization() {
    forbidden(r -> r.get("/api/v1/issues/" + issueId));
    forbidden(r -> r.get("/api/v1/issues/" + issueId + "/deliveries"));
    forbidden(r -> r.post("/api/v1/issues/" + issueId + "/mute"));
    forbidden(r -> r.post("/api/v1/issues/" + issueId + "/unmute"));
    forbidden(r -> r.body("{\"duration\": \"1h\"}").post("/api/v1/issues/" + issueId + "/snooze"));
    forbidden(r -> r.post("/api/v1/issues/" + issueId + "/unsnooze"));
    forbidden(r -> r.post("/api/v1/issues/" + issueId + "/resolve"));
    stranger.api().get("/api/v1/issues").then().statusCode(200).body("total", equalTo(0));
    owner
        .api()
        .get("/api/v1/issues/" + issueId)
        .then()
        .statusCode(200)
        .body("status", equalTo("firing"));
  }

  @Test
  void channelEndpointsRefuseAnotherOrganization() {
    forbidden(r -> r.get("/api/v1/channels/" + channelId));
    forbidden(
        r ->
            r.body(Specs.slackChannel("http://127.0.0.1:9/other"))
                .put("/api/v1/channels/" + channelId));
    forbidden(r -> r.delete("/api/v1/channels/" + channelId));
    forbidden(r -> r.post("/api/v1/channels/" + channelId + "/test"));
    forbidden(r -> r.get("/api/v1/channels/" + channelId + "/deliveries"));
    stranger.api().get("/api/v1/channels").then().statusCode(200).body("total", equalTo(0));
    assertEquals(
        List.of(channelId),
        owner
            .api()
            .get("/api/v1/channels")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", Long.class));
  }

  @Test
  void silenceEndpointsRefuseAnotherOrganization() {
    String body = "{\"monitors\": [" + monitorId + "], \"endsAt\": \"2099-01-01T00:00:00Z\"}";
    long silenceId =
        owner
            .api()
            .body(body)
            .post("/api/v1/silences")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    forbidden(r -> r.get("/api/v1/silences/" + silenceId));
    forbidden(r -> r.get("/api/v1/silences/" + silenceId + "/held"));
    forbidden(
        r -> r.body("{\"endsAt\": \"2099-01-01T00:00:00Z\"}").put("/api/v1/silences/" + silenceId));
    forbidden(r -> r.delete("/api/v1/silences/" + silenceId));
    stranger.api().get("/api/v1/silences").then().statusCode(200).body("total", equalTo(0));
    stranger
        .api()
        .body(body)
        .post("/api/v1/silences")
        .then()
        .statusCode(400)
        .body("details[0].field", equalTo("monitors"));
    owner.api().get("/api/v1/silences/" + silenceId).then().statusCode(200);
  }

  @Test
  void everyEndpointNeedsAToken() {
    given().get("/api/v1/silences").then().statusCode(401);
    given().get("/api/v1/monitors").then().statusCode(401);
    given().get("/api/v1/issues").then().statusCode(401);
    given().get("/api/v1/channels").then().statusCode(401);
  }
}
