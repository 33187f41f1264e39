package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.GrantPublisher;
import dev.appmetrics.monitor.support.MetricRows;
import dev.appmetrics.monitor.support.MetricRows.Point;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Receiver;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A metric spike evaluated through the real query-service: the issue fires once, Slack and PagerDuty (local receivers
 * speaking their public contracts) hear it once each, and when the spike has left the window the issue resolves and
 * PagerDuty gets a resolve with the same dedup_key. Two evaluator replicas (and the scheduler, a third) run the whole
 * time, and still nothing fires twice; another monitor whose receiver never answers holds up nothing.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class MonitorEvaluationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Inject
  GrantPublisher grants;

  @Inject
  Evaluator evaluator;

  @Inject
  Vertx vertx;

  @Inject
  ObjectMapper json;

  Tenant tenant;
  Receiver slack;
  Receiver pagerDuty;
  Receiver silent;
  final AtomicBoolean replicasRunning = new AtomicBoolean(true);
  final List<Thread> replicas = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    tenant = Tenant.create(grants);
    slack = Receiver.start(vertx);
    pagerDuty = Receiver.start(vertx).answering(202);
    silent = Receiver.start(vertx).silent();
    for (String owner : List.of("replica-a-" + UUID.randomUUID(), "replica-b-" + UUID.randomUUID())) {
      Thread replica = new Thread(() -> {
        while (replicasRunning.get()) {
          evaluator.evaluateDue(owner).await().atMost(Duration.ofSeconds(60));
          sleep(200);
        }
      }, owner);
      replica.start();
      replicas.add(replica);
    }
  }

  @AfterEach
  void stop() throws Exception {
    replicasRunning.set(false);
    for (Thread replica : replicas) {
      replica.join();
    }
    slack.close();
    pagerDuty.close();
    silent.close();
  }

  @Test
  void spikeFiresOnceAndResolvesWithTheSameDedupKey() throws Exception {
    String metric = "monitor.test.latency." + UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now();
    List<Point> points = new ArrayList<>();
    points.add(new Point(now.minusSeconds(12), 500));
    for (int second = -11; second <= 90; second += 3) {
      points.add(new Point(now.plusSeconds(second), 10));
    }
    MetricRows.insert(tenant.organizationId(), tenant.projectId(), metric, points);

    // Another monitor on the same metric notifies a receiver that never answers; it must hold up nobody.
    tenant.api().body(Specs.thresholdMonitor(tenant.projectId(), metric, 100, List.of(channel(Specs.slackChannel(
        silent.url()))), "30s")).post("/api/v1/monitors").then().statusCode(201);
    long slackChannel = channel(Specs.slackChannel(slack.url()));
    long pagerDutyChannel = channel(Specs.pagerDutyChannel(pagerDuty.url()));
    long monitorId = tenant.api()
        .body(Specs.thresholdMonitor(tenant.projectId(), metric, 100, List.of(slackChannel, pagerDutyChannel), "30s"))
        .post("/api/v1/monitors").then().statusCode(201).extract().jsonPath().getLong("id");

    JsonNode trigger = json.readTree(pagerDuty.await(r -> r.body().contains("\"trigger\""), 1, PATIENCE).get(0).body());
    assertEquals("trigger", trigger.get("event_action").asText());
    assertEquals("critical", trigger.at("/payload/severity").asText());
    assertEquals("R0UT1NGKEY000000000000000000000", trigger.get("routing_key").asText());
    JsonNode slackTrigger = json.readTree(slack.await(r -> r.body().contains("Firing"), 1, PATIENCE).get(0).body());
    assertEquals("Firing (critical): spike on " + metric, slackTrigger.at("/blocks/0/text/text").asText());
    assertEquals("*Value*\n500.0", slackTrigger.at("/blocks/2/fields/1/text").asText());

    JsonNode resolve = json.readTree(pagerDuty.await(r -> r.body().contains("\"resolve\""), 1, PATIENCE).get(0).body());
    assertEquals(trigger.get("dedup_key").asText(), resolve.get("dedup_key").asText());
    slack.await(r -> r.body().contains("Resolved"), 1, PATIENCE);

    JsonPath issues = tenant.api().queryParam("monitor", monitorId).get("/api/v1/issues").then().statusCode(200)
        .extract().jsonPath();
    assertEquals(1, issues.getInt("total"));
    assertEquals("resolved", issues.getString("items[0].status"));
    long issueId = issues.getLong("items[0].id");
    JsonPath issue = tenant.api().get("/api/v1/issues/" + issueId).then().statusCode(200).extract().jsonPath();
    assertEquals(List.of("firing", "resolved"), issue.getList("history.status"));
    assertEquals(trigger.get("dedup_key").asText(), issue.getString("dedupKey"));

    // Nothing more arrives while the replicas keep evaluating the clear metric.
    sleep(3_000);
    assertEquals(2, pagerDuty.requests().size(), pagerDuty.requests().toString());
    assertEquals(2, slack.requests().size(), slack.requests().toString());
  }

  private long channel(String body) {
    return tenant.api().body(body).post("/api/v1/channels").then().statusCode(201).extract().jsonPath().getLong("id");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
