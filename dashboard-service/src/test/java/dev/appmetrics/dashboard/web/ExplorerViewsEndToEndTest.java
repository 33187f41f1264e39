package dev.appmetrics.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.common.testing.SamplingHash;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Explorer's and the dashboards' views in real headless Chromium (src/main/webui/e2e/explorer-views.e2e.mjs):
 * the Apdex board overlaid on one chart with an axis of its own for the ratio, a grid of charts, the tooltip, top-N,
 * drag-zoom, the calendars, widths of 768 to 1920 px, a chart forced onto the 8 tier ("extrapolated from N events"
 * and its low-confidence marks), and a dashboard whose widgets are moved, resized and edited in the Explorer. Seeded as {@link ExplorerEndToEndTest} seeds, whose answers are known; the script also checks every
 * figure against the query API. The screenshots at 1280 and 1920 px are docs/explorer.md's.
 */
@QuarkusTest
@WithTestResource(QueryServiceProcess.class)
class ExplorerViewsEndToEndTest {

  /** docs/explorer.md shows these; each run replaces them. */
  static final List<String> SCREENSHOTS =
      List.of(
          "explorer-overlay-1280.png",
          "explorer-overlay-1920.png",
          "dashboard-edited-1280.png",
          "dashboard-edited-1920.png");

  static final Path DOCS_IMAGES = Path.of("..", "docs", "images");

  @Inject GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void overlaysZoomsRanksAndArrangesTheApdexBoardAgainstTheQueryApi() throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.views." + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    Instant end = start.plus(ExplorerEndToEndTest.HOURS.size(), ChronoUnit.HOURS);
    ExplorerEndToEndTest.seed(org, metric, start);
    // A metric for the chart forced onto the 8 tier: 200 events over the two hours, each of a trace
    // of its own, and
    // how many of them the tier keeps by the tiers' hash rule, computed here apart from ClickHouse.
    List<Map<String, Object>> tierRows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tierRows.add(
          ClickHouseSeed.distribution(
              org,
              metric + ".tier",
              start.toEpochMilli() + i * 36_000L,
              100,
              ClickHouseSeed.traceId(),
              ClickHouseSeed.spanId(),
              Map.of()));
    }
    ClickHouseSeed.insert("metric_events", tierRows);
    long tierEvents =
        tierRows.stream()
            .filter(row -> SamplingHash.keeps((String) row.get("trace_id"), 0, 0, 8))
            .count();
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());

    BrowserScript.run(
        "explorer-views",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "METRIC", metric,
            "START", start.toString(),
            "END", end.toString(),
            "EXPECTED", new ObjectMapper().writeValueAsString(ExplorerEndToEndTest.expectedApdex()),
            "TIER_EVENTS", Long.toString(tierEvents)),
        SCREENSHOTS.toArray(String[]::new));
    for (String screenshot : SCREENSHOTS) {
      Files.copy(
          BrowserScript.SCREENSHOTS.resolve(screenshot),
          DOCS_IMAGES.resolve(screenshot),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
