package dev.appmetrics.common.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaLayoutTests {

  private static final String METRIC_EVENTS =
      """
      -- A comment the cluster rewrite drops.
      CREATE TABLE IF NOT EXISTS metric_events (
          project_id UInt64,
          metric_name String,
          metric_kind Enum8('counter' = 1, 'gauge' = 2),
          timestamp DateTime,
          attr_string_keys Array(String) -- arrays keep their parentheses
      ) ENGINE = MergeTree
      PARTITION BY toDate(timestamp)
      ORDER BY (project_id, metric_name, timestamp)
      SETTINGS index_granularity = 8192
      """;

  private final SchemaLayout cluster = SchemaLayout.of("appmetrics", "prod");

  @Test
  void singleNodeRunsMigrationsAsWritten() {
    SchemaLayout single = SchemaLayout.of("appmetrics", "");

    assertEquals(List.of(METRIC_EVENTS), single.statements(METRIC_EVENTS));
    assertEquals("CREATE DATABASE IF NOT EXISTS appmetrics", single.createDatabase());
  }

  @Test
  void clusterModeCreatesAReplicatedLocalTable() {
    List<String> statements = cluster.statements(METRIC_EVENTS);

    assertEquals(
        List.of(
            """
        CREATE TABLE IF NOT EXISTS appmetrics.metric_events_local ON CLUSTER prod (
            project_id UInt64,
            metric_name String,
            metric_kind Enum8('counter' = 1, 'gauge' = 2),
            timestamp DateTime,
            attr_string_keys Array(String)\s
        ) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/appmetrics/metric_events_local', '{replica}')
        PARTITION BY toDate(timestamp)
        ORDER BY (project_id, metric_name, timestamp)
        SETTINGS index_granularity = 8192"""),
        statements);
  }

  @Test
  void clusterModeCreatesTheDistributedTableUnderTheOriginalNameWithTheLocalTablesColumns() {
    List<DistributedTable.Column> columns =
        List.of(
            DistributedTable.Column.ofTabSeparated("project_id\tUInt64\t\t"),
            DistributedTable.Column.ofTabSeparated("metric_name\tString\t\t"),
            DistributedTable.Column.ofTabSeparated("retention_days\tUInt16\tDEFAULT\t30"),
            DistributedTable.Column.ofTabSeparated(
                "sampling_hash\tUInt64\tMATERIALIZED\treinterpretAsUInt64(MD5(concat(\\'a\\\\t\\', trace_id)))"));

    assertEquals(
        "CREATE TABLE IF NOT EXISTS appmetrics.metric_events ON CLUSTER prod (project_id UInt64, "
            + "metric_name String, retention_days UInt16 DEFAULT 30, "
            + "sampling_hash UInt64 ALIAS reinterpretAsUInt64(MD5(concat('a\\t', trace_id)))) "
            + "ENGINE = Distributed(prod, appmetrics, metric_events_local, cityHash64(project_id, metric_name))",
        new DistributedTable("prod", "appmetrics").statement("metric_events", columns));
  }

  @Test
  void clusterModeKeepsEngineArgumentsAfterZooKeeperPathAndReplica() {
    List<String> statements =
        cluster.statements(
            "CREATE TABLE IF NOT EXISTS series_versions (id UInt64, version UInt32) "
                + "ENGINE = ReplacingMergeTree(version) ORDER BY id");

    assertEquals(
        List.of(
            "CREATE TABLE IF NOT EXISTS appmetrics.series_versions_local ON CLUSTER prod (id UInt64, version UInt32) "
                + "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/appmetrics/series_versions_local', "
                + "'{replica}', version) ORDER BY id"),
        statements);
    assertEquals(
        "CREATE TABLE IF NOT EXISTS appmetrics.series_versions ON CLUSTER prod (id UInt64) "
            + "ENGINE = Distributed(prod, appmetrics, series_versions_local, rand())",
        new DistributedTable("prod", "appmetrics")
            .statement(
                "series_versions",
                List.of(DistributedTable.Column.ofTabSeparated("id\tUInt64\t\t"))));
  }

  @Test
  void clusterModeCreatesDatabaseAndOneMigrationLogReplicatedOnEveryServer() {
    assertEquals(
        "CREATE DATABASE IF NOT EXISTS appmetrics ON CLUSTER prod", cluster.createDatabase());
    assertEquals(
        "CREATE TABLE IF NOT EXISTS appmetrics.schema_migrations ON CLUSTER prod "
            + "(name String, applied_at DateTime DEFAULT now()) "
            + "ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/appmetrics/schema_migrations', '{replica}') "
            + "ORDER BY name",
        cluster.createMigrationsTable());
  }

  @Test
  void clusterModeAddsAColumnToTheReplicatedTableAndDropsTheDistributedTableToMakeItAgain() {
    List<String> statements =
        cluster.statements(
            "-- why\nALTER TABLE spans ADD COLUMN kafka_partition UInt16, ADD COLUMN kafka_offset UInt64\n");

    assertEquals(
        List.of(
            "ALTER TABLE appmetrics.spans_local ON CLUSTER prod ADD COLUMN kafka_partition UInt16, "
                + "ADD COLUMN kafka_offset UInt64",
            "DROP TABLE IF EXISTS appmetrics.spans ON CLUSTER prod"),
        statements);
  }

  @Test
  void clusterModeKeepsATraceOnOneShardAndATierWithTheTableItSamples() {
    assertEquals("cityHash64(project_id, trace_id)", DistributedTable.shardingKey("logs"));
    assertEquals(
        "cityHash64(project_id, trace_id)", DistributedTable.shardingKey("spans_downsample_512"));
    assertEquals(
        "cityHash64(project_id, metric_name)",
        DistributedTable.shardingKey("metric_events_downsample_8"));
  }

  @Test
  void clusterModeRejectsMigrationsItCannotRewrite() {
    assertThrows(
        IllegalArgumentException.class,
        () -> cluster.statements("ALTER TABLE metric_events DROP COLUMN environment"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            cluster.statements(
                "CREATE TABLE IF NOT EXISTS buffer_events (x UInt8) ENGINE = Memory"));
  }

  @Test
  void rejectsClusterAndDatabaseNamesThatAreNotPlainIdentifiers() {
    assertThrows(
        IllegalArgumentException.class, () -> SchemaLayout.of("appmetrics", "prod; DROP TABLE x"));
    assertThrows(IllegalArgumentException.class, () -> SchemaLayout.of("app-metrics", ""));
  }

  @Test
  void migrationLockIsACreateWithoutIfNotExistsOnEveryServerOfACluster() {
    assertEquals(
        "CREATE TABLE appmetrics.schema_migrations_lock (owner String) ENGINE = TinyLog",
        SchemaLayout.of("appmetrics", "").createLock());
    assertEquals(
        "CREATE TABLE appmetrics.schema_migrations_lock ON CLUSTER prod (owner String) ENGINE = TinyLog",
        cluster.createLock());
    assertEquals(
        "DROP TABLE IF EXISTS appmetrics.schema_migrations_lock ON CLUSTER prod",
        cluster.dropLock());
  }
}
