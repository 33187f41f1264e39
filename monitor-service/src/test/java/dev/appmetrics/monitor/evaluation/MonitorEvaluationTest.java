package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Channels;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
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

  /** How long the test waits for what it expects; only a failing run waits this long, so load cannot decide it. */
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private static final double SPIKE = 500;
  private static final double NORMAL = 10;
  private static final String TEST_NOTIFICATION = "Test notification from appmetrics";

  @Inject GrantPublisher grants;

  @Inject Evaluator evaluator;

  @Inject Vertx vertx;

  @Inject ObjectMapper json;

  @Inject Pool pool;

  Tenant tenant;
  Receiver slack;
  Receiver pagerDuty;
  Receiver silent;
  volatile double level = SPIKE;
  final AtomicBoolean running = new AtomicBoolean(true);

  /** The replicas and the metric's writer, each looping on a thread of its own; one that dies fails the test. */
  final List<CompletableFuture<Void>> loops = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    tenant = Tenant.create(grants);
    slack = Receiver.start(vertx);
    pagerDuty = Receiver.start(vertx).answering(202);
    silent = Receiver.start(vertx).silent();
    for (String owner :
        List.of("replica-a-" + UUID.randomUUID(), "replica-b-" + UUID.randomUUID())) {
      loop(owner, 200, () -> evaluator.evaluateDue(owner).await().atMost(PATIENCE));
    }
  }

  @AfterEach
  void stop() throws Exception {
    running.set(false);
    try {
      for (CompletableFuture<Void> loop : loops) {
        loop.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      slack.close();
      pagerDuty.close();
      silent.close();
    }
  }

  @Test
  void spikeFiresOnceAndResolvesWithTheSameDedupKey() throws Exception {
    String metric = "monitor.test.latency." + UUID.randomUUID().toString().replace("-", "");
    // The metric is written as it happens, once a second: at the spike's level until the monitor
    // has fired, normal
    // after. However late a loaded machine gets to an evaluation, its window holds the spike until
    // then.
    loop(
        "metric writer",
        1_000,
        () -> {
          MetricRows.insert(
              tenant.organizationId(),
              tenant.projectId(),
              metric,
              List.of(new Point(Instant.now(), level)));
          return null;
        });

    // Another monitor on the same metric notifies a receiver that never answers; it must hold up
    // nobody.
    Channels channels = new Channels(tenant);
    tenant.createMonitor(
        Specs.thresholdMonitor(
            tenant.projectId(),
            metric,
            100,
            List.of(channels.create(Specs.slackChannel(silent.url()))),
            "30s"));
    long slackChannel = channels.create(Specs.slackChannel(slack.url()));
    long pagerDutyChannel = channels.create(Specs.pagerDutyChannel(pagerDuty.url()));
    long monitorId =
        tenant.createMonitor(
            Specs.thresholdMonitor(
                tenant.projectId(), metric, 100, List.of(slackChannel, pagerDutyChannel), "30s"));

    JsonNode trigger =
        json.readTree(
            pagerDuty.await(r -> r.body().contains("\"trigger\""), 1, PATIENCE).get(0).body());
    level = NORMAL;
    assertEquals("trigger", trigger.get("event_action").asText());
    assertEquals("critical", trigger.at("/payload/severity").asText());
    assertEquals("R0UT1NGKEY000000000000000000000", trigger.get("routing_key").asText());
    JsonNode slackTrigger =
        json.readTree(slack.await(r -> r.body().contains("Firing"), 1, PATIENCE).get(0).body());
    assertEquals(
        "Firing (critical): spike on " + metric, slackTrigger.at("/blocks/0/text/text").asText());
    assertEquals("*Value*\n500 ms", slackTrigger.at("/blocks/2/fields/1/text").asText());

    JsonNode resolve =
        json.readTree(
            pagerDuty.await(r -> r.body().contains("\"resolve\""), 1, PATIENCE).get(0).body());
    assertEquals(trigger.get("dedup_key").asText(), resolve.get("dedup_key").asText());
    slack.await(r -> r.body().contains("Resolved"), 1, PATIENCE);
    Instant resolved = Instant.now();

    JsonPath issues =
        tenant
            .api()
            .queryParam("monitor", monitorId)
            .get("/api/v1/issues")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, issues.getInt("total"));
    assertEquals("resolved", issues.getString("items[0].status"));
    long issueId = issues.getLong("items[0].id");
    JsonPath issue =
        tenant.api().get("/api/v1/issues/" + issueId).then().statusCode(200).extract().jsonPath();
    assertEquals(List.of("firing", "resolved"), issue.getList("history.status"));
    assertEquals(trigger.get("dedup_key").asText(), issue.getString("dedupKey"));

    // Nothing more is sent while the replicas keep evaluating the clear metric: once they have
    // evaluated a later slot
    // and a later notification to each channel (same partition, behind every earlier record) has
    // arrived, anything
    // sent twice would have arrived too.
    awaitEvaluatedAfter(monitorId, resolved);
    for (long channel : List.of(slackChannel, pagerDutyChannel)) {
      tenant.api().post("/api/v1/channels/" + channel + "/test").then().statusCode(202);
    }
    slack.await(r -> r.body().contains(TEST_NOTIFICATION), 1, PATIENCE);
    pagerDuty.await(r -> r.body().contains(TEST_NOTIFICATION), 1, PATIENCE);
    List<Map<String, Object>> log =
        tenant
            .api()
            .get("/api/v1/issues/" + issueId + "/deliveries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    List<String> logged =
        log.stream()
            .map(line -> line.get("channelId") + " " + line.get("event") + " " + line.get("status"))
            .sorted()
            .toList();
    assertEquals(
        Stream.of(
                slackChannel + " trigger delivered",
                slackChannel + " resolve delivered",
                pagerDutyChannel + " trigger delivered",
                pagerDutyChannel + " resolve delivered")
            .sorted()
            .toList(),
        logged);
    // Trigger, resolve and the test notification.
    assertEquals(3, pagerDuty.requests().size(), pagerDuty.requests().toString());
    assertEquals(3, slack.requests().size(), slack.requests().toString());
  }

  /** Runs {@code step} over and over on a thread of its own until the test ends; {@link #stop} rethrows a failure. */
  private void loop(String name, long pauseMillis, Callable<?> step) {
    loops.add(
        CompletableFuture.runAsync(
            () -> {
              while (running.get()) {
                try {
                  step.call();
                } catch (Exception e) {
                  throw new IllegalStateException(name + " stopped", e);
                }
                sleep(pauseMillis);
              }
            },
            runnable -> new Thread(runnable, name).start()));
  }

  /**
   * Waits until the monitor has been evaluated for a slot after {@code instant}: the slot a claim stands for is one
   * interval before the next evaluation it sets, and a released lease means that evaluation is over.
   */
  private void awaitEvaluatedAfter(long monitorId, Instant instant) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (pool.preparedQuery(
                "SELECT 1 FROM monitors WHERE id = $1 AND lease_until IS NULL "
                    + "AND next_evaluation_at - make_interval(secs => interval_seconds) > $2")
            .execute(Tuple.of(monitorId, instant.atOffset(ZoneOffset.UTC)))
            .await()
            .atMost(PATIENCE)
            .size()
        == 0) {
      assertTrue(
          System.nanoTime() < deadline,
          "monitor " + monitorId + " was not evaluated again after " + instant);
      Thread.sleep(100);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
