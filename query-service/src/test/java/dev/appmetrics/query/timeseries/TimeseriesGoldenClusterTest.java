package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.support.GoldenDataset.BUCKETS;
import static dev.appmetrics.query.support.GoldenDataset.INTERVAL;
import static dev.appmetrics.query.support.GoldenDataset.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.testing.LocalCluster;
import dev.appmetrics.common.testing.OnLocalCluster;
import dev.appmetrics.query.support.Api;
import dev.appmetrics.query.support.GoldenDataset;
import dev.appmetrics.query.support.Reference;
import dev.appmetrics.query.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden suite again, in cluster mode on the local cluster (2 shards x 2 replicas): every answer, read through the
 * Distributed tables, equals the reference computed in Java, as on one server. Each metric is one series of the
 * sharding key (project, metric), so the dataset's metrics are named until they lie on both shards, and a query of
 * several metrics (an equation, a multi-query request) merges answers from both.
 */
@QuarkusTest
@TestProfile(OnLocalCluster.class)
class TimeseriesGoldenClusterTest extends TimeseriesGoldenTest {

  private static final String[] SHARD_SERVERS = {"127.0.0.1:9201", "127.0.0.1:9203"};

  /** A replica of the shard the service's server (shard 1) reads remotely, and its sibling. */
  private static final String KILLED = "s2r1";

  private static final String SIBLING = "s2r2";

  @BeforeAll
  @Override
  void writeDataset() throws Exception {
    tenant = Tenant.create(grants);
    data = onBothShards(tenant);
    tenant.insert(clickHouse, json, data.events);
  }

  /**
   * A replica of shard 2 killed with SIGKILL: through the API the golden answers stay the same and rows inserted
   * meanwhile are counted (its sibling answers for it), and after its restart the replica catches up.
   */
  @Test
  void answersStayTheSameWhileAReplicaIsDownAndItCatchesUpAfterItsRestart() throws Exception {
    Tenant late = Tenant.create(grants);
    GoldenDataset lateData = onBothShards(late);
    List<Long> goldenMillis = new ArrayList<>();
    List<Long> countMillis = new ArrayList<>();
    LocalCluster.kill(KILLED);
    long restartedAt = 0;
    try {
      late.insert(clickHouse, json, lateData.events);
      assertNotEquals(
          "0",
          LocalCluster.query(
              SIBLING,
              "SELECT count() FROM metric_events_local WHERE project_id = " + late.projectId()),
          "the sibling stored the rows of the shard meanwhile, which the killed replica lacks");
      long killedAt = System.nanoTime();
      while (System.nanoTime() - killedAt < Duration.ofSeconds(8).toNanos()) {
        long started = System.nanoTime();
        everyAggregateOfEveryKindMatchesTheReference(1);
        goldenMillis.add((System.nanoTime() - started) / 1_000_000);
        started = System.nanoTime();
        assertCounted(late, lateData);
        countMillis.add((System.nanoTime() - started) / 1_000_000);
      }
    } finally {
      restartedAt = System.nanoTime();
      LocalCluster.startStopped();
    }
    long answersMillis = (System.nanoTime() - restartedAt) / 1_000_000;
    String count = "SELECT count() FROM metric_events_local";
    while (!LocalCluster.query(KILLED, count).equals(LocalCluster.query(SIBLING, count))) {
      assertTrue(
          System.nanoTime() - restartedAt < Duration.ofSeconds(60).toNanos(),
          "caught up within 60 s");
      Thread.sleep(100);
    }
    long caughtUpMillis = (System.nanoTime() - restartedAt) / 1_000_000;
    // The tiers' tables too, before the other cases read them.
    LocalCluster.query(
            KILLED,
            "SELECT name FROM system.tables WHERE database = currentDatabase() "
                + "AND engine LIKE 'Replicated%'")
        .lines()
        .forEach(table -> LocalCluster.query(KILLED, "SYSTEM SYNC REPLICA " + table));
    assertCounted(late, lateData);
    System.out.printf(
        "Replica outage through query-service: the golden aggregates (3 requests) took %s ms, a count "
            + "%s ms; the restarted replica answered %d ms after it was started and held every row of its shard after "
            + "%d ms%n",
        goldenMillis, countMillis, answersMillis, caughtUpMillis);
  }

  /** The distribution's count per bucket, through the API, is that of every event of the dataset. */
  private void assertCounted(Tenant owner, GoldenDataset dataset) {
    Map<String, Object> body =
        request(1, List.of(query("A", dataset.distribution, "count", null, null)));
    body.put("projects", List.of(owner.projectId()));
    JsonNode answer = Api.post(PATH, body, owner.bearer(), 200);
    Api.assertValues(
        Reference.series(
            dataset.events, dataset.distribution, "count", e -> true, START, INTERVAL, BUCKETS),
        answer.get("series").get(0).get("values"),
        "count of the dataset of " + owner.projectId());
  }

  /** A dataset of the tenant whose metrics' names put them on both shards. */
  private GoldenDataset onBothShards(Tenant owner) {
    GoldenDataset candidate;
    do {
      candidate =
          new GoldenDataset(owner.projectId(), UUID.randomUUID().toString().substring(0, 8));
    } while (shardsOf(owner, candidate) < 2);
    return candidate;
  }

  @Test
  void theDatasetLiesOnBothShards() {
    for (String server : SHARD_SERVERS) {
      assertNotEquals(
          "0",
          query(
                  "SELECT count() FROM remote('"
                      + server
                      + "', currentDatabase(), metric_events_local) "
                      + "WHERE project_id = "
                      + tenant.projectId()
                      + " FORMAT TabSeparated")
              .strip(),
          "rows on the shard of " + server);
    }
    assertEquals(
        String.valueOf(data.events.size()),
        query(
                "SELECT count() FROM metric_events WHERE project_id = "
                    + tenant.projectId()
                    + " FORMAT TabSeparated")
            .strip(),
        "every row once through the Distributed table");
  }

  /** On how many shards the dataset's metrics would lie, by the Distributed table's key modulo its two shards. */
  private long shardsOf(Tenant owner, GoldenDataset candidate) {
    return Long.parseLong(
        query(
                "SELECT uniqExact(cityHash64(toUInt64("
                    + owner.projectId()
                    + "), name) % 2) "
                    + "FROM system.one ARRAY JOIN ['"
                    + candidate.counter
                    + "', '"
                    + candidate.gauge
                    + "', '"
                    + candidate.distribution
                    + "'] AS name FORMAT TabSeparated")
            .strip());
  }

  private String query(String sql) {
    return clickHouse.query(sql, "query-test", Map.of()).await().atMost(Duration.ofSeconds(30));
  }
}
