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
import java.util.Random;
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

  /** Median latency of the current two hours, but for a slow spell from minute 50 to 70; of the previous two hours. */
  static final double MEDIAN = 80;

  static final double SLOW_MEDIAN = 400;
  static final double PREVIOUS_MEDIAN = 70;

  @Inject GrantPublisher grants;

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
    // Six events a minute, spread log-normally around the median (fixed seed); every fiftieth is a
    // 0, every fourth
    // sampled at 0.5. The previous two hours: two a minute.
    Random random = new Random(18);
    List<Event> current = new ArrayList<>();
    List<Event> previous = new ArrayList<>();
    for (int minute = 0; minute < 120; minute++) {
      double median = minute >= 50 && minute < 70 ? SLOW_MEDIAN : MEDIAN;
      for (int i = 0; i < 6; i++) {
        int n = minute * 6 + i;
        current.add(
            new Event(
                start.plusSeconds(60L * minute + 10L * i + 3).toEpochMilli(),
                n % 50 == 0 ? 0 : spread(random, median),
                n % 4 == 0 ? 0.5 : 1.0));
      }
      for (int i = 0; i < 2; i++) {
        previous.add(
            new Event(
                start
                    .minus(2, ChronoUnit.HOURS)
                    .plusSeconds(60L * minute + 30L * i + 5)
                    .toEpochMilli(),
                spread(random, PREVIOUS_MEDIAN),
                1.0));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Event e : concat(current, previous)) {
      Map<String, Object> row =
          ClickHouseSeed.distribution(
              org,
              metric,
              e.millis(),
              e.value(),
              ClickHouseSeed.traceId(),
              ClickHouseSeed.spanId(),
              Map.of("route", "/checkout"));
      row.put("client_sample_rate", e.rate());
      rows.add(row);
    }
    ClickHouseSeed.insert("metric_events", rows);
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());

    ObjectMapper json = new ObjectMapper();
    BrowserScript.run(
        "heatmap",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "METRIC", metric,
            "START", start.toString(),
            "END", end.toString(),
            "EVENTS", json.writeValueAsString(current),
            // The big number: the share of events under 100 ms over the whole range, and over the
            // previous one.
            "EXPECTED_TOTAL", Double.toString(share(current)),
            "EXPECTED_PREVIOUS", Double.toString(share(previous))),
        "heatmap-1280.png",
        "heatmap-1920.png",
        "big-number.png");
  }

  /** A latency around the median, to a tenth of a millisecond. */
  static double spread(Random random, double median) {
    return Math.max(0.1, Math.round(median * Math.exp(random.nextGaussian() * 0.6) * 10) / 10.0);
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
