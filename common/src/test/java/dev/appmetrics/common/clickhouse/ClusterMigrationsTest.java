package dev.appmetrics.common.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.testing.LocalCluster;
import dev.appmetrics.common.testing.SamplingHash;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode on a real cluster (2 shards x 2 replicas, scripts/cluster.sh): two ingest pods starting at the same
 * moment, each talking to a different server, apply each migration once ON CLUSTER; every server ends with the whole
 * schema, and rows inserted through the Distributed table reach both shards and the downsampled tiers.
 */
class ClusterMigrationsTest {

  private static final List<String> TABLES = List.of("metric_events", "spans", "logs", "errors");

  private final String database =
      "appmetrics_cluster_migrations_" + ThreadLocalRandom.current().nextInt(1_000_000);
  private Vertx vertx;

  @BeforeEach
  void cluster() {
    LocalCluster.ensureRunning();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void dropDatabase() {
    client("s1r1")
        .executeWithoutDatabase(
            "DROP DATABASE IF EXISTS " + database + " ON CLUSTER " + LocalCluster.NAME, "test")
        .await()
        .atMost(Duration.ofSeconds(60));
    vertx.closeAndAwait();
  }

  @Test
  void twoMigratorsOnDifferentServersApplyEachMigrationOnceOnEveryServer()
      throws InterruptedException {
    List<ClickHouseMigrations> pods =
        Stream.of("s1r1", "s2r2")
            .map(node -> new ClickHouseMigrations(client(node), config(node)))
            .toList();

    assertEquals(List.of(), SimultaneousMigrators.migrate(pods, Duration.ofMinutes(3)));
    String once = SimultaneousMigrators.eachRecordedOnce();
    for (String node : LocalCluster.NODES) {
      query(node, "SYSTEM SYNC REPLICA schema_migrations");
      assertEquals(
          once,
          query(node, SimultaneousMigrators.RECORDED),
          "each migration recorded exactly once, as " + node + " sees it");
      for (String table : TABLES) {
        assertEquals(
            "Distributed\n",
            query(
                node,
                "SELECT engine FROM system.tables WHERE database = currentDatabase() "
                    + "AND name = '"
                    + table
                    + "' FORMAT TabSeparated"),
            table + " on " + node);
        assertEquals(
            "ReplicatedMergeTree\t1\n",
            query(
                node,
                "SELECT engine, position(partition_key, 'retention_days') > 0 "
                    + "FROM system.tables WHERE database = currentDatabase() AND name = '"
                    + table
                    + "_local' FORMAT TabSeparated"),
            table + "_local on " + node + ", in its layout by retention");
      }
      assertEquals(
          "6\n",
          query(
              node,
              "SELECT count() FROM system.tables WHERE database = currentDatabase() "
                  + "AND engine = 'MaterializedView' FORMAT TabSeparated"),
          "the tiers' views on " + node);
      assertEquals(
          "0\n",
          query(node, "EXISTS TABLE schema_migrations_lock FORMAT TabSeparated"),
          "lock released on " + node);
    }
    assertTrue(
        new ClickHouseMigrations(client("s2r1"), config("s2r1"))
            .isApplied(ClickHouseMigrations.CURRENT));

    new ClickHouseMigrations(client("s1r2"), config("s1r2")).migrate();
    assertEquals(
        once,
        query("s1r2", SimultaneousMigrators.RECORDED),
        "a pod started later finds nothing to apply");
  }

  @Test
  void rowsInsertedThroughTheDistributedTableReachBothShardsTheirReplicasAndTheTiers() {
    new ClickHouseMigrations(client("s1r1"), config("s1r1")).migrate();
    int rows = 4000;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      body.append("{\"project_id\":")
          .append(1 + i % 40)
          .append(",\"metric_name\":\"m")
          .append(i % 7)
          .append(
              "\",\"metric_kind\":\"counter\",\"timestamp\":1767571200,\"value\":1,\"client_sample_rate\":1,")
          .append("\"trace_id\":\"")
          .append(String.format("%032x", i * 7919L))
          .append("\",\"kafka_offset\":")
          .append(i)
          .append("}\n");
    }
    client("s1r2")
        .insertJsonEachRow(
            "metric_events", List.of(Buffer.buffer(body.toString())), "test", Map.of())
        .await()
        .atMost(Duration.ofSeconds(60));

    long kept =
        IntStream.range(0, rows)
            .filter(i -> SamplingHash.keeps(String.format("%032x", i * 7919L), 0, i, 8))
            .count();
    for (String node : LocalCluster.NODES) {
      assertEquals(
          rows + "\t" + kept + "\n",
          query(
              node,
              "SELECT (SELECT count() FROM metric_events), "
                  + "(SELECT count() FROM metric_events_downsample_8) FORMAT TabSeparated"),
          "rows and tier rows as "
              + node
              + " reads them through the Distributed tables, right after the insert returned");
    }
    long shard1 =
        Long.parseLong(
            query("s1r1", "SELECT count() FROM metric_events_local FORMAT TabSeparated").strip());
    long shard2 =
        Long.parseLong(
            query("s2r1", "SELECT count() FROM metric_events_local FORMAT TabSeparated").strip());
    assertEquals(rows, shard1 + shard2, "each row on one shard");
    assertTrue(
        shard1 > rows / 4 && shard2 > rows / 4,
        "both shards hold rows: " + shard1 + " and " + shard2);
    for (String replica : List.of("s1r2", "s2r2")) {
      query(replica, "SYSTEM SYNC REPLICA metric_events_local");
    }
    assertEquals(
        shard1 + "\n",
        query("s1r2", "SELECT count() FROM metric_events_local FORMAT TabSeparated"),
        "shard 1's second replica has its rows");
    assertEquals(
        shard2 + "\n",
        query("s2r2", "SELECT count() FROM metric_events_local FORMAT TabSeparated"),
        "shard 2's second replica has its rows");
  }

  private ClickHouseConfig config(String node) {
    return ClickHouseMigrationsTest.config(
        LocalCluster.url(node), database, Optional.of(LocalCluster.NAME));
  }

  private ClickHouseClient client(String node) {
    return new ClickHouseClient(vertx, config(node));
  }

  private String query(String node, String sql) {
    return client(node).query(sql, "test", Map.of()).await().atMost(Duration.ofSeconds(60));
  }
}
