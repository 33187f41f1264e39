package dev.appmetrics.common.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two ingest pods starting at the same moment: each migration is applied once, and the schema ends complete. */
class ClickHouseMigrationsTest {

  private static final String URL = "http://127.0.0.1:8123";
  private static final List<String> TABLES = List.of("metric_events", "spans", "logs", "errors");

  private final String database =
      "appmetrics_migrations_" + ThreadLocalRandom.current().nextInt(1_000_000);
  private Vertx vertx;
  private ClickHouseClient client;

  @BeforeEach
  void connect() {
    vertx = Vertx.vertx();
    client = new ClickHouseClient(vertx, config(database));
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
  void twoMigratorsStartedTogetherApplyEachMigrationExactlyOnce() throws InterruptedException {
    // Each pod has its own client and migrator; they share only the server.
    List<ClickHouseMigrations> pods =
        Stream.generate(
                () ->
                    new ClickHouseMigrations(
                        new ClickHouseClient(vertx, config(database)), config(database)))
            .limit(2)
            .toList();

    assertEquals(List.of(), SimultaneousMigrators.migrate(pods, Duration.ofSeconds(90)));
    assertEquals(
        SimultaneousMigrators.eachRecordedOnce(),
        query(SimultaneousMigrators.RECORDED),
        "each migration recorded exactly once");
    for (String table : TABLES) {
      assertEquals(
          "1\n",
          query(
              "SELECT count() FROM system.columns WHERE database = '"
                  + database
                  + "' AND table = '"
                  + table
                  + "' AND name = 'kafka_offset' FORMAT TabSeparated"),
          table + " has its last migration's column");
    }
    assertEquals(
        "0\n",
        query("EXISTS TABLE schema_migrations_lock FORMAT TabSeparated"),
        "the lock is released");
    assertTrue(
        new ClickHouseMigrations(client, config(database)).isApplied(ClickHouseMigrations.CURRENT));
  }

  @Test
  void aReaderSeesNoSchemaBeforeTheOwnerMigrated() {
    assertEquals(
        false,
        new ClickHouseMigrations(client, config(database)).isApplied(ClickHouseMigrations.CURRENT));
  }

  private String query(String sql) {
    return client.query(sql, "test", Map.of()).await().atMost(Duration.ofSeconds(30));
  }

  static ClickHouseConfig config(String database) {
    return config(URL, database, Optional.empty());
  }

  static ClickHouseConfig config(String url, String database, Optional<String> cluster) {
    return new ClickHouseConfig() {
      public boolean enabled() {
        return true;
      }

      public boolean migrateAtStart() {
        return true;
      }

      public String url() {
        return url;
      }

      public String database() {
        return database;
      }

      public String user() {
        return "default";
      }

      public Optional<String> password() {
        return Optional.empty();
      }

      public Optional<String> cluster() {
        return cluster;
      }

      public Duration idleTimeout() {
        return Duration.ofSeconds(2);
      }

      public Duration requestTimeout() {
        return Duration.ofSeconds(35);
      }
    };
  }
}
