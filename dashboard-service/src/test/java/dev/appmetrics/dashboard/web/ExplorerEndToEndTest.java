package dev.appmetrics.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/**
 * The Explorer in real headless Chromium against the real query-service and ClickHouse: the Node script
 * (src/main/webui/e2e/explorer.e2e.mjs, run by {@link BrowserScript}) builds the Apdex board and saves it; this test
 * seeds the data whose answers it knows and checks the script's verdict.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class ExplorerEndToEndTest {

  /** Two hours of one distribution; per hour: the values and how often each occurs. */
  static final List<Map<Double, Integer>> HOURS =
      List.of(Map.of(50.0, 3, 250.0, 2, 500.0, 5), Map.of(10.0, 4, 300.0, 4, 1000.0, 2));

  @Inject GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void buildsTheApdexBoardInChromiumSavesItAndFindsItAgainAfterAReload() throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.latency." + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    Instant end = start.plus(HOURS.size(), ChronoUnit.HOURS);
    seed(org, metric, start);
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());

    BrowserScript.run(
        "explorer",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "METRIC", metric,
            "START", start.toString(),
            "END", end.toString(),
            "EXPECTED", new ObjectMapper().writeValueAsString(expectedApdex())),
        "explorer.png",
        "dashboard.png");
  }

  /** The Apdex series per hour, computed from the seed here rather than by any code under test. */
  static Map<String, List<Double>> expectedApdex() {
    Map<String, List<Double>> expected = new LinkedHashMap<>();
    for (String label : List.of("A", "B", "C", "f1")) {
      expected.put(label, new ArrayList<>());
    }
    for (Map<Double, Integer> hour : HOURS) {
      double satisfied = count(hour, v -> v < 100);
      double tolerating = count(hour, v -> v > 200 && v < 400);
      double all = count(hour, v -> true);
      expected.get("A").add(satisfied);
      expected.get("B").add(tolerating);
      expected.get("C").add(all);
      expected.get("f1").add((satisfied + tolerating / 2) / all);
    }
    return expected;
  }

  private static double count(Map<Double, Integer> hour, DoublePredicate matches) {
    return hour.entrySet().stream()
        .filter(e -> matches.test(e.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** One event a minute, alternating between two regions. */
  static void seed(TestOrganization org, String metric, Instant start)
      throws IOException, InterruptedException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int hour = 0; hour < HOURS.size(); hour++) {
      for (Map.Entry<Double, Integer> value : HOURS.get(hour).entrySet()) {
        for (int i = 0; i < value.getValue(); i++) {
          long millis =
              start
                  .plus(hour, ChronoUnit.HOURS)
                  .plusSeconds(60L * (rows.size() + 1))
                  .toEpochMilli();
          rows.add(
              ClickHouseSeed.distribution(
                  org,
                  metric,
                  millis,
                  value.getKey(),
                  ClickHouseSeed.traceId(),
                  ClickHouseSeed.spanId(),
                  Map.of("region", rows.size() % 2 == 0 ? "us" : "eu")));
        }
      }
    }
    ClickHouseSeed.insert("metric_events", rows);
  }
}
