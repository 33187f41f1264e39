package dev.appmetrics.ingest.retention;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.testing.SamplingHash;
import dev.appmetrics.ingest.support.StoredEvents;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Retention really deletes: events sent through ingest carry their project's class, and after the job runs a
 * project's events older than its class (plus the documented slack of whole weekly partitions) are gone, while its
 * younger events and another project's events of the same age stay. Running the job again finds nothing to do.
 */
@QuarkusTest
class RetentionTest {

  @Inject TestProjects projects;

  @Inject StoredEvents stored;

  @Inject ExpiredPartitions partitions;

  @Inject ClickHouseClient clickHouse;

  @Test
  void dropsAProjectsEventsOlderThanItsRetentionAndNothingElse() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestProject week = projects.withRetention(7);
    TestProject month = projects.withRetention(30);
    // 7 days + 8 days of slack < 20 days: the week project's old events have expired; a month
    // project's have not.
    List<Long> old = ages(now, 20, 21, 22);
    List<Long> young = ages(now, 0, 1, 2);
    send(week, old);
    send(week, young);
    send(month, old);
    stored.await(week.projectId(), 6);
    stored.await(month.projectId(), 3);
    assertEquals(
        "7\n",
        query(
            "SELECT DISTINCT retention_days FROM metric_events WHERE project_id = "
                + week.projectId()));
    assertEquals(
        "30\n",
        query(
            "SELECT DISTINCT retention_days FROM metric_events WHERE project_id = "
                + month.projectId()));

    List<ExpiredPartitions.Dropped> dropped = partitions.drop(now);

    assertTrue(
        dropped.stream().anyMatch(p -> p.table().equals("metric_events") && p.retentionDays() == 7),
        dropped::toString);
    assertEquals(
        young, timestamps(week), "the week project keeps its young events, loses its old ones");
    assertEquals(old, timestamps(month), "the month project keeps its events of the same age");
    assertEquals(List.of(), partitions.drop(now), "a second run finds nothing left to drop");
  }

  @Test
  void theTiersKeepWhatTheHashRuleKeepsWithTheProjectsDownsampledClass() {
    TestProject project = projects.withRetention(7, 90);
    long now = Instant.now().getEpochSecond();
    List<String> traces =
        IntStream.range(0, 2000).mapToObj(i -> String.format("%032x", i * 7919L + 17)).toList();
    String metrics =
        traces.stream()
            .map(
                trace ->
                    """
        {"name": "tiers.check", "kind": "counter", "value": 1, "timestamp": %d, "trace_id": "%s",
         "client_sample_rate": 0.25}"""
                        .formatted(now, trace))
            .collect(Collectors.joining(","));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body("{\"metrics\": [" + metrics + "]}")
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(traces.size()));
    stored.await(project.projectId(), traces.size());

    for (int weight : new int[] {8, 64, 512}) {
      List<String> kept =
          traces.stream()
              .filter(trace -> SamplingHash.keeps(trace, 0, 0, weight))
              .sorted()
              .toList();
      String tier = "metric_events_downsample_" + weight;
      assertEquals(
          kept,
          query(
                  "SELECT trace_id FROM "
                      + tier
                      + " WHERE project_id = "
                      + project.projectId()
                      + " ORDER BY trace_id")
              .lines()
              .toList(),
          tier + " holds the events the hash rule keeps");
      if (!kept.isEmpty()) {
        assertEquals(
            "90\t" + 4 * weight + "\n",
            query(
                "SELECT DISTINCT retention_days, 1 / client_sample_rate FROM "
                    + tier
                    + " WHERE project_id = "
                    + project.projectId()),
            tier + ": downsampled class, weight x 1/rate");
      }
    }
  }

  private static List<Long> ages(Instant now, int... days) {
    return Arrays.stream(days)
        .mapToLong(d -> now.minus(Duration.ofDays(d)).getEpochSecond())
        .boxed()
        .toList();
  }

  private void send(TestProject project, List<Long> timestamps) {
    String metrics =
        timestamps.stream()
            .map(
                t ->
                    """
        {"name": "retention.check", "kind": "counter", "value": 1, "timestamp": %d,
         "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}"""
                        .formatted(t))
            .collect(Collectors.joining(","));
    given()
        .header("Authorization", "Bearer " + project.publicKey())
        .contentType("application/json")
        .body("{\"metrics\": [" + metrics + "]}")
        .post("/api/v1/projects/" + project.projectId() + "/metrics")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(timestamps.size()));
  }

  private List<Long> timestamps(TestProject project) {
    return query(
            "SELECT toUnixTimestamp(timestamp) FROM metric_events WHERE project_id = "
                + project.projectId()
                + " ORDER BY timestamp")
        .lines()
        .map(Long::parseLong)
        .sorted((a, b) -> Long.compare(b, a))
        .toList();
  }

  private String query(String sql) {
    return clickHouse
        .execute(sql + " FORMAT TabSeparated", "ingest-test", Map.of())
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
