package dev.appmetrics.monitor.evidence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.detection.Units;
import dev.appmetrics.monitor.evaluation.Evaluator;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.Evaluations;
import dev.appmetrics.monitor.support.EvaluatorOff;
import dev.appmetrics.monitor.support.MetricRows;
import dev.appmetrics.monitor.support.MetricRows.Point;
import dev.appmetrics.monitor.support.QueryServiceProcess;
import dev.appmetrics.monitor.support.Receiver;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications that carry their evidence, from real evaluations through the real query-service to Slack- and
 * PagerDuty-format receivers: a p95 spike's value in its unit, the level it crossed and the traces of the three
 * highest events of its group in the window (each answered by the trace API); an equation's every component; a
 * change's percentage and both values; a resolve saying how long it lasted; a manual resolve and a channel's test
 * saying who sent them. The Slack message of the spike is written
 * to {@code target/evidence-slack-message.json} (docs/monitors.md shows it).
 */
@QuarkusTest
@TestProfile(EvaluatorOff.class)
@WithTestResource(QueryServiceProcess.class)
class EvidenceTest {

  private static final Pattern TRACE_LINK =
      Pattern.compile("<(http[^|>]*/traces/([0-9a-f]{32})[^|>]*)\\|trace");

  /** The eu group's events in the window: 15 ordinary ones and 5 slow ones (milliseconds). */
  private static final List<Double> SLOW = List.of(1500.0, 1800.0, 2050.0, 2120.4, 2600.0);

  @Inject GrantPublisher grants;

  @Inject Evaluator evaluator;

  @Inject Pool pool;

  @Inject Vertx vertx;

  @Inject ObjectMapper json;

  @ConfigProperty(name = "quarkus.rest-client.query-service.url")
  String queryService;

  @ConfigProperty(name = "appmetrics.monitor.public-url")
  String publicUrl;

  Tenant tenant;
  Receiver slack;
  Receiver pagerDuty;
  List<Long> channels;
  String metric;

  /** The evaluation's slot: the window is the minute before it. */
  Instant slot;

  /** Each eu event's trace id by value. */
  final Map<Double, String> traces = new java.util.HashMap<>();

  @BeforeEach
  void eventsAndReceivers() throws Exception {
    tenant = Tenant.create(grants);
    slack = Receiver.start(vertx);
    pagerDuty = Receiver.start(vertx).answering(202);
    Channels api = new Channels(tenant);
    channels =
        List.of(
            api.create(dev.appmetrics.monitor.support.Specs.slackChannel(slack.url())),
            api.create(dev.appmetrics.monitor.support.Specs.pagerDutyChannel(pagerDuty.url())));
    metric = "evidence.latency." + UUID.randomUUID().toString().replace("-", "");
    slot = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 10 * 10);
    List<Point> points = new ArrayList<>();
    List<Double> eu = new ArrayList<>(SLOW);
    for (int i = 0; i < 15; i++) {
      eu.add(50.0 + i);
    }
    for (int i = 0; i < eu.size(); i++) {
      String trace = UUID.randomUUID().toString().replace("-", "");
      traces.put(eu.get(i), trace);
      points.add(
          new Point(slot.minusSeconds(25).plusMillis(i), eu.get(i), trace, Map.of("region", "eu")));
    }
    // The us group is fine (its p95 is 10), but has the slowest event of all: it must not be shown
    // for eu.
    for (int i = 0; i < 20; i++) {
      points.add(
          new Point(
              slot.minusSeconds(35).plusMillis(i),
              i == 0 ? 9000 : 10,
              UUID.randomUUID().toString().replace("-", ""),
              Map.of("region", "us")));
    }
    MetricRows.insert(tenant.organizationId(), tenant.projectId(), metric, "distribution", points);
  }

  @AfterEach
  void stopReceivers() throws Exception {
    slack.close();
    pagerDuty.close();
  }

  private String monitor(String queries, String equations, String detection) {
    return """
        {"name": "Checkout latency", "query": {"projects": [%d], "interval": "10s", "window": "1m",
          "queries": [%s]%s},
         "detection": %s, "evaluation": {"every": "10s", "delay": "0s", "reduce": "max"}, "noData": "ok",
         "channels": [%d, %d]}
        """
        .formatted(
            tenant.projectId(), queries, equations, detection, channels.get(0), channels.get(1));
  }

  private JsonNode firing() throws Exception {
    return json.readTree(
        slack.await(r -> r.body().contains("Firing"), 1, Channels.PATIENCE).get(0).body());
  }

  private JsonNode pagerDutyTrigger() throws Exception {
    return json.readTree(
        pagerDuty.await(r -> r.body().contains("\"trigger\""), 1, Channels.PATIENCE).get(0).body());
  }

  /** p95 as query-service computes it: the first value whose rank reaches ceil(n × 0.95). */
  private static double p95(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
  }

  @Test
  void aP95SpikeShowsItsValueInItsUnitTheLevelAndTheTracesOfTheHighestEvents() throws Throwable {
    long monitorId =
        tenant.createMonitor(
            monitor(
                """
        {"label": "A", "metric": "%s", "aggregate": "p95", "groupBy": ["region"]}"""
                    .formatted(metric),
                "",
                "{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 1000}"),
            "distribution");
    Evaluations.evaluate(pool, evaluator, monitorId, slot);

    JsonNode message = firing();
    Files.writeString(
        Path.of("target", "evidence-slack-message.json"),
        json.writerWithDefaultPrettyPrinter().writeValueAsString(message));
    List<Double> eu = new ArrayList<>(traces.keySet());
    assertEquals(2120.4, p95(eu));
    assertEquals("*Value*\n2.12 s", message.at("/blocks/2/fields/1/text").asText());
    assertEquals("*Group*\nregion=eu", message.at("/blocks/2/fields/2/text").asText());
    assertEquals(
        "*Compared with*\nabove the critical level 1 s",
        message.at("/blocks/2/fields/4/text").asText());
    assertTrue(
        message.get("text").asText().contains("The value 2.12 s is above the critical level 1 s"),
        message.toString());

    String details = message.at("/blocks/3/text/text").asText();
    Matcher links = TRACE_LINK.matcher(details);
    List<String> linked = new ArrayList<>();
    while (links.find()) {
      assertTrue(links.group(1).startsWith(publicUrl + "/traces/"), links.group(1));
      linked.add(links.group(2));
    }
    List<String> highest =
        eu.stream().sorted(Comparator.reverseOrder()).limit(3).map(traces::get).toList();
    assertEquals(highest, linked, details);

    // Each event's trace API link (the UI serves /api/v1/traces/** from query-service) answers with
    // that event.
    JsonNode samples = pagerDutyTrigger().at("/payload/custom_details/issue/evidence/samples");
    assertEquals(3, samples.size());
    for (JsonNode sample : samples) {
      String api = sample.get("traceApiUrl").asText();
      assertTrue(api.startsWith(publicUrl + "/api/v1/traces/"), api);
      JsonPath trace =
          given()
              .urlEncodingEnabled(false)
              .header("Authorization", "Bearer " + tenant.token())
              .get(queryService + api.substring(publicUrl.length()))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(sample.get("traceId").asText(), trace.getString("traceId"));
      assertTrue(
          trace.getList("metrics.value", Double.class).contains(sample.get("value").asDouble()),
          api);
    }

    String explorer = details.replaceAll("(?s).*<(http[^|>]*/explorer\\?[^|>]*)\\|.*", "$1");
    JsonNode state =
        json.readTree(
            URLDecoder.decode(
                explorer.substring(explorer.indexOf("state=") + 6), StandardCharsets.UTF_8));
    assertEquals(slot.minusSeconds(60).toString(), state.get("start").asText());
    assertEquals(slot.toString(), state.get("end").asText());
    assertEquals(metric, state.at("/queries/0/metric").asText());

    // The spike has left the window two minutes later: the resolve says how long the issue was
    // open.
    Evaluations.evaluate(pool, evaluator, monitorId, slot.plusSeconds(120));
    JsonNode resolved =
        json.readTree(
            slack.await(r -> r.body().contains("Resolved"), 1, Channels.PATIENCE).get(0).body());
    assertTrue(resolved.toString().contains("*Lasted*\\n"), resolved.toString());
  }

  /**
   * What a person's action sends evaluates nothing, yet says what applies: the manual resolve names the monitor and
   * group, the last value in its unit, how long the issue lasted and the token that resolved it; a channel's test
   * names the token that sent it.
   */
  @Test
  void aManualResolveAndATestSayWhoSentThemAndTheResolveTheValueInItsUnitAndHowLongItLasted()
      throws Throwable {
    long monitorId =
        tenant.createMonitor(
            monitor(
                """
        {"label": "A", "metric": "%s", "aggregate": "p95", "groupBy": ["region"]}"""
                    .formatted(metric),
                "",
                "{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 1000}"),
            "distribution");
    Evaluations.evaluate(pool, evaluator, monitorId, slot);
    long issueId = pagerDutyTrigger().at("/payload/custom_details/issue/issueId").asLong();

    tenant.api().post("/api/v1/issues/" + issueId + "/resolve").then().statusCode(200);
    JsonNode resolved =
        json.readTree(
            slack.await(r -> r.body().contains("Resolved"), 1, Channels.PATIENCE).get(0).body());
    assertEquals("Resolved: Checkout latency", resolved.at("/blocks/0/text/text").asText());
    assertEquals("*Value*\n2.12 s", resolved.at("/blocks/2/fields/1/text").asText());
    assertEquals("*Group*\nregion=eu", resolved.at("/blocks/2/fields/2/text").asText());
    assertTrue(
        resolved
            .at("/blocks/2/fields/4/text")
            .asText()
            .matches("\\*Lasted\\*\n\\d+(\\.\\d+)? (s|min)"),
        resolved.toString());
    assertTrue(
        resolved.at("/blocks/3/elements/0/text").asText().endsWith(" · by " + tenant.actor()),
        resolved.toString());

    new Channels(tenant).sendTest(channels.get(0));
    JsonNode test =
        json.readTree(
            slack
                .await(r -> r.body().contains("test notification"), 1, Channels.PATIENCE)
                .get(0)
                .body());
    assertTrue(
        test.at("/blocks/2/elements/0/text").asText().endsWith(" · by " + tenant.actor()),
        test.toString());
  }

  @Test
  void anEquationShowsEveryQueryAndEquationWithItsValue() throws Throwable {
    long monitorId =
        tenant.createMonitor(
            monitor(
                """
        {"label": "A", "metric": "%1$s", "aggregate": "p95", "filter": "region:eu"},
        {"label": "B", "metric": "%1$s", "aggregate": "count", "filter": "region:eu"},
        {"label": "C", "metric": "%1$s", "aggregate": "max"}"""
                    .formatted(metric),
                ", \"equations\": [{\"label\": \"f1\", \"expression\": \"A / B\"}]",
                "{\"type\": \"threshold\", \"direction\": \"above\", \"critical\": 100}"),
            "distribution");
    Evaluations.evaluate(pool, evaluator, monitorId, slot);

    List<String> lines = List.of(firing().at("/blocks/3/text/text").asText().split("\n"));
    assertEquals("A p95(" + metric + ") region:eu: 2.12 s", lines.get(1));
    assertEquals("B count(" + metric + ") region:eu: 20", lines.get(2));
    assertEquals("C max(" + metric + "): 9 s", lines.get(3));
    assertEquals("f1 A / B: " + Units.number(2120.4 / 20), lines.get(4));
    JsonNode components =
        pagerDutyTrigger().at("/payload/custom_details/issue/evidence/components");
    assertEquals(2120.4 / 20, components.get(3).get("value").asDouble(), 1e-9);
  }

  @Test
  void aChangeShowsItsPercentageAndBothValues() throws Throwable {
    List<Point> hourEarlier = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hourEarlier.add(
          new Point(
              slot.minusSeconds(3600 + 25).plusMillis(i),
              100,
              UUID.randomUUID().toString().replace("-", ""),
              Map.of("region", "eu")));
    }
    MetricRows.insert(
        tenant.organizationId(), tenant.projectId(), metric, "distribution", hourEarlier);
    long monitorId =
        tenant.createMonitor(
            monitor(
                """
        {"label": "A", "metric": "%s", "aggregate": "p95", "filter": "region:eu"}"""
                    .formatted(metric),
                "",
                "{\"type\": \"change\", \"direction\": \"above\", \"critical\": 50, \"comparedTo\": \"1h\"}"),
            "distribution");
    Evaluations.evaluate(pool, evaluator, monitorId, slot);

    JsonNode message = firing();
    String percent = Units.percent((2120.4 - 100) / 100 * 100);
    assertEquals("+2020.4%", percent);
    assertEquals(
        "*Change*\n+2020.4% (100 ms 1h earlier, 2.12 s now)",
        message.at("/blocks/2/fields/5/text").asText());
    assertEquals(
        "*Compared with*\nabove the critical level +50%",
        message.at("/blocks/2/fields/4/text").asText());
  }
}
