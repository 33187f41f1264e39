package dev.appmetrics.common.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
  private static final int BEFORE_RETENTION = ClickHouseMigrations.MIGRATIONS.indexOf("007_errors_kafka_position.sql") + 1;

  private final String database = "appmetrics_relayout_" + ThreadLocalRandom.current().nextInt(1_000_000);
  private Vertx vertx;
  private ClickHouseClient client;
  private ClickHouseMigrations migrations;

  @BeforeEach
  void schemaBeforeRetentionWithRows() {
    vertx = Vertx.vertx();
    ClickHouseConfig config = ClickHouseMigrationsTest.config(database);
    client = new ClickHouseClient(vertx, config);
    migrations = new ClickHouseMigrations(client, config);
    client.executeWithoutDatabase("CREATE DATABASE " + database, "test").await().atMost(Duration.ofSeconds(30));
    run("CREATE TABLE schema_migrations (name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name");
    for (String name : ClickHouseMigrations.MIGRATIONS.subList(0, BEFORE_RETENTION)) {
      run(ClickHouseMigrations.resource("clickhouse/migrations/" + name));
      run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
    }
    // 3 rows a day on 5 days of each table; every column not named takes its type's default.
    for (String table : TABLES) {
      StringBuilder rows = new StringBuilder("INSERT INTO " + table + " (project_id, timestamp, kafka_offset) VALUES ");
      for (int i = 0; i < 15; i++) {
        rows.append(i == 0 ? "" : ", ").append("(7, toDateTime('2026-11-01 00:00:00') + ").append(i / 3 * 86400 + i * 600)
            .append(", ").append(i).append(")");
      }
      run(rows.toString());
    }
  }

  @AfterEach
  void dropDatabase() {
    client.executeWithoutDatabase("DROP DATABASE IF EXISTS " + database, "test").await().atMost(Duration.ofSeconds(30));
    vertx.closeAndAwait();
  }

  @Test
  void upgradesEveryTableInPlaceWithTheDefaultRetention() {
    migrations.migrate();

    for (String table : TABLES) {
      assertEquals("15\t15\t30\t30\t105\n", query("SELECT count(), uniqExact(kafka_offset), min(retention_days), "
          + "max(retention_days), sum(kafka_offset) FROM " + table), table + ": every row once, with the default class");
      assertEquals("30-20261026\n30-20261102\n", query("SELECT DISTINCT partition_id "
          + "FROM system.parts WHERE database = currentDatabase() AND table = '" + table + "' AND active ORDER BY partition_id"),
          table + " is partitioned by retention class and week");
    }
    assertEquals("0\n", query("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '%relayout%'"));
  }

  @Test
  void finishesAMigrationThatStoppedAfterTheSwapOrDuringTheCopy() {
    migrations.migrate();
    // Stopped after swapping errors, before dropping the old table; and stopped while copying logs.
    run("CREATE TABLE errors_relayout_previous AS errors");
    run("CREATE TABLE logs_relayout_next AS logs");
    run("INSERT INTO logs_relayout_next SELECT * FROM logs WHERE kafka_offset < 4");
    run("DROP TABLE schema_migrations");
    run("CREATE TABLE schema_migrations (name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name");
    for (String name : ClickHouseMigrations.MIGRATIONS) {
      if (!name.startsWith("010_") && !name.startsWith("011_")) {
        run("INSERT INTO schema_migrations (name) VALUES ('" + name + "')");
      }
    }

    migrations.migrate();

    for (String table : TABLES) {
      assertEquals("15\t15\t105\n", query("SELECT count(), uniqExact(kafka_offset), sum(kafka_offset) FROM " + table), table);
    }
    assertEquals("0\n", query("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '%relayout%'"));
    assertEquals(ClickHouseMigrations.MIGRATIONS.size() + "\n", query("SELECT count() FROM schema_migrations"));
  }

  private void run(String sql) {
    client.execute(sql, "test", Map.of()).await().atMost(Duration.ofSeconds(30));
  }

  private String query(String sql) {
    return client.query(sql + " FORMAT TabSeparated", "test", Map.of()).await().atMost(Duration.ofSeconds(30));
  }
}
