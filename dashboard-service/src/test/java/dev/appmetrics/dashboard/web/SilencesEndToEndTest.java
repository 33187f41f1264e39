package dev.appmetrics.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.dashboard.explorer.TestOrganization;
import dev.appmetrics.dashboard.upstream.MonitorServiceProcess;
import dev.appmetrics.dashboard.upstream.QueryServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's silences in real headless Chromium against the real monitor-service and query-service: a per-group
 * silence made in the UI (a refused match shown at its field first) for the eu group of a monitor grouped by region;
 * a spike in eu and us delivers only us's trigger to the script's receiver, and eu's held trigger is listed on the
 * silence's page as the API lists it. Then "Silence this group" from the us issue pre-fills the form, saved as a
 * weekly maintenance window from a preset; the first silence is ended and the second deleted from the list.
 */
@QuarkusTest
@WithTestResource(MonitorServiceProcess.class)
class SilencesEndToEndTest {

  @Inject GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void aGroupSilenceMadeInTheUiHoldsOnlyThatGroupsTriggerAndListsIt() throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.silenced.latency." + UUID.randomUUID().toString().substring(0, 8);
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());
    MonitorServiceProcess.awaitKnows(org.token());

    // Earlier traffic of both groups: monitor-service refuses a monitor of a metric without events.
    long tenMinutesAgo = Instant.now().minusSeconds(600).toEpochMilli();
    List<Map<String, Object>> traffic = new ArrayList<>();
    for (String region : List.of("eu", "us")) {
      traffic.add(
          ClickHouseSeed.distribution(
              org,
              metric,
              tenMinutesAgo,
              1.0,
              ClickHouseSeed.traceId(),
              ClickHouseSeed.spanId(),
              Map.of("region", region)));
    }
    ClickHouseSeed.insert("metric_events", traffic);

    ObjectMapper json = new ObjectMapper();
    BrowserScript.run(
        "silences",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "METRIC", metric,
            "EU_ROW",
                json.writeValueAsString(
                    ClickHouseSeed.distribution(
                        org, metric, 0, 1.0, "", "", Map.of("region", "eu"))),
            "US_ROW",
                json.writeValueAsString(
                    ClickHouseSeed.distribution(
                        org, metric, 0, 1.0, "", "", Map.of("region", "us")))),
        "silence-held.png",
        "silence-list.png");
  }
}
