package dev.appmetrics.common.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.common.testing.SamplingHash;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A running install upgrades: a database at the schema before retention, with rows in every table over several days,
 * is migrated in place (rows kept, each with the default retention class, partitioned by class and week), and a
 * migration that stopped halfway is finished by the next start without losing or doubling a row.
 */
class RelayoutTest {

  private static final List<String> TABLES = List.of("metric_events", "spans", "logs", "errors");
  private static final int BEFORE_RETENTION =
      ClickHouseMigrations.MIGRATIONS.indexOf("007_errors_kafka_position.sql") + 1;

  private final String database =
      "appmetrics_relayout_" + ThreadLocalRandom.current().nextInt(1_000_000);
  private Vertx vertx;
  private ClickHouseClient client;
  private ClickHouseMigrations migrations;

  @BeforeEach
  void schemaBeforeRetentionWithRows() {
    vertx = Vertx.vertx();
    ClickHouseConfig config = ClickHouseMigrationsTest.config(database);
    client = new ClickHouseClient(vertx, config);
    migrations = new ClickHouseMigrations(client, config);
    client
        .executeWithoutDatabase("CREATE DATABASE " + database, "test")
        .await()
        .atMost(Duration.ofSeconds(30));
    run(
        "CREATE TABLE schema_migrations (name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name");
    for (String name : ClickHouseMigrations.MIGRATIONS.subList(0, BEFORE_RETENTION)) {
      run(ClickHouseMigrations.resource("clickhouse/migrations/" + name));
      run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
    }
    // 3 rows a day on 5 days of each table; every column not named takes its type's default.
    for (String table : TABLES) {
      StringBuilder rows =
          new StringBuilder(
              "INSERT INTO " + table + " (project_id, timestamp, kafka_offset) VALUES ");
      for (int i = 0; i < 15; i++) {
        rows.append(i == 0 ? "" : ", ")
            .append("(7, toDateTime('2026-11-01 00:00:00') + ")
            .append(i / 3 * 86400 + i * 600)
            .append(", ")
            .append(i)
            .append(")");
      }
      run(rows.toString());
    }
  }

  @AfterEach
  void dropDatabase() {
    client
        .executeWithoutDatabase("DROP DATABASE IF EXISTS " + database, "test")
        .await()
        .atMost(Duration.ofSeconds(30));
    vertx.closeAndAwait();
  }

  @Test
  void upgradesEveryTableInPlaceWithTheDefaultRetention() {
    migrations.migrate();

    for (String table : TABLES) {
      assertEquals(
          "15\t15\t30\t30\t105\n",
          query(
              "SELECT count(), uniqExact(kafka_offset), min(retention_days), "
                  + "max(retention_days), sum(kafka_offset) FROM "
                  + table),
          table + ": every row once, with the default class");
      assertEquals(
          "30-20261026\n30-20261102\n",
          query(
              "SELECT DISTINCT partition_id "
                  + "FROM system.parts WHERE database = currentDatabase() AND table = '"
                  + table
                  + "' AND active ORDER BY partition_id"),
          table + " is partitioned by retention class and week");
    }
    assertEquals(
        "0\n",
        query(
            "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '%relayout%'"));
  }

  @Test
  void finishesAMigrationThatStoppedAfterTheSwapOrDuringTheCopy() {
    migrations.migrate();
    // Stopped after swapping errors, before dropping the old table; and stopped while copying logs.
    run("CREATE TABLE errors_relayout_previous AS errors");
    run("CREATE TABLE logs_relayout_next AS logs");
    run("INSERT INTO logs_relayout_next SELECT * FROM logs WHERE kafka_offset < 4");
    run("DROP TABLE schema_migrations");
    run(
        "CREATE TABLE schema_migrations (name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name");
    for (String name : ClickHouseMigrations.MIGRATIONS) {
      if (!name.startsWith("010_") && !name.startsWith("011_")) {
        run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
      }
    }

    migrations.migrate();

    for (String table : TABLES) {
      assertEquals(
          "15\t15\t105\n",
          query("SELECT count(), uniqExact(kafka_offset), sum(kafka_offset) FROM " + table),
          table);
    }
    assertEquals(
        "0\n",
        query(
            "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '%relayout%'"));
    assertEquals(
        ClickHouseMigrations.MIGRATIONS.size() + "\n",
        query("SELECT count() FROM schema_migrations"));
  }

  @Test
  void tiersHoldWhatTheHashRuleKeepsOfRowsStoredBeforeAndInsertedAfter() {
    migrations.migrate();
    // Rows inserted once the views exist: trace ids this time, and a weight from a client sample
    // rate of 0.5.
    StringBuilder rows =
        new StringBuilder(
            "INSERT INTO metric_events (project_id, timestamp, trace_id, kafka_offset, "
                + "client_sample_rate, downsampled_retention_days) VALUES ");
    for (int i = 0; i < 2000; i++) {
      rows.append(i == 0 ? "" : ", ")
          .append("(8, toDateTime('2026-11-20 00:00:00') + ")
          .append(i)
          .append(", '")
          .append(String.format("%032x", i * 7919L))
          .append("', ")
          .append(i)
          .append(", 0.5, 90)");
    }
    run(rows.toString());
    run(
        "INSERT INTO spans (project_id, timestamp, trace_id, kafka_offset) SELECT project_id, timestamp, trace_id, "
            + "kafka_offset FROM metric_events WHERE project_id = 8");

    for (int weight : new int[] {8, 64, 512}) {
      long before =
          IntStream.range(0, 15).filter(i -> SamplingHash.keeps("", 0, i, weight)).count();
      long after =
          IntStream.range(0, 2000)
              .filter(i -> SamplingHash.keeps(String.format("%032x", i * 7919L), 0, i, weight))
              .count();
      String tier = "metric_events_downsample_" + weight;
      assertEquals(
          before + "\t" + after + "\n",
          query("SELECT countIf(project_id = 7), countIf(project_id = 8) FROM " + tier),
          tier + " keeps the rows the rule keeps, stored before the view and inserted after");
      assertEquals(
          "90\t0.5\t" + weight + "\n",
          query(
              "SELECT DISTINCT retention_days, client_sample_rate * "
                  + weight
                  + ", sampling_weight FROM "
                  + tier
                  + " WHERE project_id = 8"),
          tier + ": the downsampled class, and a rate divided by the weight");
      assertEquals(
          query("SELECT trace_id FROM " + tier + " WHERE project_id = 8 ORDER BY trace_id"),
          query(
              "SELECT trace_id FROM spans_downsample_"
                  + weight
                  + " WHERE project_id = 8 ORDER BY trace_id"),
          "the span tier keeps the traces of the events the metric tier keeps");
    }
    assertEquals(
        "0\n",
        query(
            "SELECT count() FROM metric_events_downsample_512 WHERE (project_id, kafka_offset) NOT IN "
                + "(SELECT project_id, kafka_offset FROM metric_events_downsample_64)"),
        "an event kept at 512 is kept at 64");
  }

  @Test
  void refillsATierWhoseViewMigrationStoppedMidCopy() {
    migrations.migrate();
    String expected = query("SELECT count(), sum(kafka_offset) FROM metric_events_downsample_8");
    run("DROP TABLE metric_events_downsample_8_mv");
    run("INSERT INTO metric_events_downsample_8 SELECT * FROM metric_events_downsample_8");
    run("DROP TABLE schema_migrations");
    run(
        "CREATE TABLE schema_migrations (name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name");
    for (String name : ClickHouseMigrations.MIGRATIONS) {
      if (!name.startsWith("016_")) {
        run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
      }
    }

    migrations.migrate();

    assertEquals(
        expected, query("SELECT count(), sum(kafka_offset) FROM metric_events_downsample_8"));
    assertEquals("1\n", query("EXISTS TABLE metric_events_downsample_8_mv"));
  }

  private void run(String sql) {
    client.execute(sql, "test", Map.of()).await().atMost(Duration.ofSeconds(30));
  }

  private String query(String sql) {
    return client
        .query(sql + " FORMAT TabSeparated", "test", Map.of())
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
