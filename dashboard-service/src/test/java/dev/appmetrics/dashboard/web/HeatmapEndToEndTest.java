package dev.appmetrics.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Explorer's distribution heatmap and the dashboards' big number in real headless Chromium against the real
 * query-service and ClickHouse (src/main/webui/e2e/heatmap.e2e.mjs): this test seeds a distribution whose events
 * it hands to the script, which checks each drawn cell against the heatmap API and the seed, opens a cell's samples
 * and finds exactly the seeded events of that cell, and reads a big-number widget whose total and change it computes
 * here. The script takes the documentation's screenshots of a selected cell and its samples at 1280 and 1920 px.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class HeatmapEndToEndTest {

  /** Values of the current two hours, one event a minute in turn; every fourth event is sampled at 0.5. */
  static final double[] VALUES = {12, 30, 30, 75, 150, 150, 150, 480, 900, 2000, 0};
  /** The previous two hours, one event every two minutes. */
  static final double[] PREVIOUS_VALUES = {20, 40, 100, 250};

  @Inject
  GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  record Event(long millis, double value, double rate) {

    double weight() {
      return 1 / rate;
    }
  }

  @Test
  void drawsTheHeatmapOpensACellsSamplesAndShowsTheBigNumberOverTheRange() throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.heatmap." + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    Instant end = start.plus(2, ChronoUnit.HOURS);
    List<Event> current = new ArrayList<>();
    List<Event> previous = new ArrayList<>();
    for (int minute = 0; minute < 120; minute++) {
      current.add(new Event(start.plusSeconds(60L * minute + 17).toEpochMilli(), VALUES[minute % VALUES.length],
          minute % 4 == 0 ? 0.5 : 1.0));
      if (minute % 2 == 0) {
        previous.add(new Event(start.minus(2, ChronoUnit.HOURS).plusSeconds(60L * minute + 5).toEpochMilli(),
            PREVIOUS_VALUES[minute / 2 % PREVIOUS_VALUES.length], 1.0));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Event e : concat(current, previous)) {
      Map<String, Object> row = ClickHouseSeed.distribution(org, metric, e.millis(), e.value(), ClickHouseSeed.traceId(),
          ClickHouseSeed.spanId(), Map.of("route", "/checkout"));
      row.put("client_sample_rate", e.rate());
      rows.add(row);
    }
    ClickHouseSeed.insert("metric_events", rows);
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());

    ObjectMapper json = new ObjectMapper();
    BrowserScript.run("heatmap", base, org.token(), Map.of(
        "PROJECT", Long.toString(org.projectId()),
        "METRIC", metric,
        "START", start.toString(),
        "END", end.toString(),
        "EVENTS", json.writeValueAsString(current),
        // The big number: the share of events under 100 ms over the whole range, and over the previous one.
        "EXPECTED_TOTAL", Double.toString(share(current)),
        "EXPECTED_PREVIOUS", Double.toString(share(previous))),
        "heatmap-1280.png", "heatmap-1920.png", "big-number.png");
  }

  static double share(List<Event> events) {
    double under = events.stream().filter(e -> e.value() < 100).mapToDouble(Event::weight).sum();
    return under / events.stream().mapToDouble(Event::weight).sum();
  }

  static List<Event> concat(List<Event> a, List<Event> b) {
    List<Event> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
