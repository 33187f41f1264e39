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
 * Issue 16's on-call walk in real headless Chromium against the real monitor-service and query-service: a query built
 * in the Explorer saved as a monitor with a channel to a receiver the script runs, the monitor in the list, a spike,
 * the issue in the Issues page and the Slack message at the receiver, mute, resolve, disable, delete, and the issue
 * found again afterwards. The script (src/main/webui/e2e/monitors.e2e.mjs) writes the spike's rows into ClickHouse as
 * the ingest writer stores them; this test hands it the row every event starts from.
 */
@QuarkusTest
@WithTestResource(MonitorServiceProcess.class)
class MonitorsEndToEndTest {

  @Inject GrantPublisher grants;

  @TestHTTPResource("/")
  URL base;

  @Test
  void aQuerySavedAsAMonitorOpensAnIssueOnASpikeNotifiesTheChannelAndIsMutedResolvedAndDeleted()
      throws Exception {
    TestOrganization org = TestOrganization.create(grants);
    String metric = "e2e.checkout.requests." + UUID.randomUUID().toString().substring(0, 8);
    QueryServiceProcess.awaitKnows(org.token(), org.projectId());
    MonitorServiceProcess.awaitKnows(org.token());

    // Earlier, successful traffic: monitor-service refuses a monitor of a metric without events.
    long tenMinutesAgo = Instant.now().minusSeconds(600).toEpochMilli();
    List<Map<String, Object>> traffic = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      traffic.add(
          ClickHouseSeed.distribution(
              org,
              metric,
              tenMinutesAgo + i,
              1.0,
              ClickHouseSeed.traceId(),
              ClickHouseSeed.spanId(),
              Map.of("ok", "true")));
    }
    ClickHouseSeed.insert("metric_events", traffic);

    Map<String, Object> row =
        ClickHouseSeed.distribution(org, metric, 0, 1.0, "", "", Map.of("ok", "false"));
    BrowserScript.run(
        "monitors",
        base,
        org.token(),
        Map.of(
            "PROJECT", Long.toString(org.projectId()),
            "METRIC", metric,
            "EVENT_ROW", new ObjectMapper().writeValueAsString(row)),
        "monitor-issue.png",
        "monitor-deleted.png");
  }
}
