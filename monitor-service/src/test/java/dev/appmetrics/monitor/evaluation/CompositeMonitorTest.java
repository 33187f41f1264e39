package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.Evaluations;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.MetricRows;
import dev.appmetrics.monitor.support.MetricRows.Point;
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
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code count > 100 AND p95 > 500} over generated data, one group per table row, through one real evaluation: exactly
 * the groups where both hold (computed here from the generated values) fire, and their notification and history say
 * which conditions held.
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class CompositeMonitorTest {

  private static final int MIN_COUNT = 100;
  private static final double MAX_P95 = 500;

  @Inject GrantPublisher grants;

  @Inject Evaluator evaluator;

  @Inject Pool pool;

  @Inject Vertx vertx;

  /** A group of {@code events} events, {@code slow} of them at 900 ms, the rest 100–149 ms. */
  record Row(String group, int events, int slow) {

    List<Double> values() {
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        values.add(i < slow ? 900.0 : 100.0 + i % 50);
      }
      return values;
    }

    /** The rank rule of query-service's quantileExactWeighted: the first value reaching ceil(n × 0.95). */
    double p95() {
      List<Double> sorted = values().stream().sorted().toList();
      return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    }

    boolean fires() {
      return events > MIN_COUNT && p95() > MAX_P95;
    }
  }

  @Test
  void firesOnlyWhereTheCountAndTheP95BothHold() throws Throwable {
    List<Row> table =
        List.of(
            new Row("busy-slow", 150, 20),
            new Row("busy-fast", 150, 0),
            new Row("quiet-slow", 60, 20),
            new Row("count-at-the-level", 100, 20),
            new Row("just-over", 101, 10),
            new Row("busy-few-slow", 200, 5));
    Tenant tenant = Tenant.create(grants);
    String metric = "composite.latency." + UUID.randomUUID().toString().replace("-", "");
    Instant slot = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 10 * 10);
    List<Point> points = new ArrayList<>();
    for (Row row : table) {
      List<Double> values = row.values();
      for (int i = 0; i < values.size(); i++) {
        points.add(
            new Point(
                slot.minusSeconds(5).plusMillis(i),
                values.get(i),
                UUID.randomUUID().toString().replace("-", ""),
                Map.of("case", row.group())));
      }
    }
    MetricRows.insert(tenant.organizationId(), tenant.projectId(), metric, "distribution", points);
    try (Receiver slack = Receiver.start(vertx)) {
      long channel = new Channels(tenant).create(Specs.slackChannel(slack.url()));
      long monitorId =
          tenant.createMonitor(
              """
          {"name": "Busy and slow", "query": {"projects": [%d], "interval": "10s", "window": "10s",
            "queries": [{"label": "A", "metric": "%2$s", "aggregate": "p95", "groupBy": ["case"]},
                        {"label": "B", "metric": "%2$s", "aggregate": "count", "groupBy": ["case"]}]},
           "detection": {"type": "composite", "operator": "and", "conditions": [
             {"watch": "B", "detection": {"type": "threshold", "direction": "above", "critical": %3$d}},
             {"watch": "A", "detection": {"type": "threshold", "direction": "above", "critical": %4$s}}]},
           "evaluation": {"every": "10s", "delay": "0s", "reduce": "max"}, "noData": "ok", "channels": [%5$d]}
          """
                  .formatted(tenant.projectId(), metric, MIN_COUNT, MAX_P95, channel),
              "distribution");
      Evaluations.evaluate(pool, evaluator, monitorId, slot);

      Set<String> expected =
          table.stream().filter(Row::fires).map(Row::group).collect(Collectors.toSet());
      assertEquals(Set.of("busy-slow", "just-over"), expected);
      JsonPath issues =
          tenant
              .api()
              .queryParam("monitor", monitorId)
              .get("/api/v1/issues")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(expected, Set.copyOf(issues.<String>getList("items.group.case")));
      assertTrue(
          issues.<String>getList("items.status").stream().allMatch("firing"::equals),
          issues.prettify());

      long justOver = issues.getLong("items.find { it.group.case == 'just-over' }.id");
      String history =
          tenant
              .api()
              .get("/api/v1/issues/" + justOver)
              .then()
              .extract()
              .path("history[0].message");
      assertEquals(
          "All of: B held: The value 101 is above the critical level 100; A held: The value 900 ms is above "
              + "the critical level 500 ms",
          history);
      String message =
          slack.await(r -> r.body().contains("just-over"), 1, Channels.PATIENCE).get(0).body();
      assertTrue(
          message.contains(
              "*Conditions*\\nheld: B: The value 101 is above the critical level 100\\n"
                  + "held: A: The value 900 ms is above the critical level 500 ms"),
          message);
    }
  }
}
