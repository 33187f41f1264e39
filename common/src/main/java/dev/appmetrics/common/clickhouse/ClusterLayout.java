package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * A cluster named in the servers' {@code remote_servers}, with the macros {@code {shard}} and {@code {replica}}
 * defined on every server and ZooKeeper (or ClickHouse Keeper) for replication and ON CLUSTER DDL. Each migration's
 * table becomes a replicated {@code <table>_local} on every server ({@link ReplicatedRewrite}) and a Distributed table
 * under the migration's name over it ({@link DistributedTable}).
 */
record ClusterLayout(String cluster, String database) implements SchemaLayout {

  ClusterLayout {
    SchemaLayout.identifier("cluster", cluster);
    SchemaLayout.identifier("database", database);
  }

  @Override
  public String createDatabase() {
    return "CREATE DATABASE IF NOT EXISTS " + database + " ON CLUSTER " + cluster;
  }

  /** One replica set over every server (no {shard} in the path), so each server knows what was applied. */
  @Override
  public String createMigrationsTable() {
    return "CREATE TABLE IF NOT EXISTS "
        + database
        + ".schema_migrations ON CLUSTER "
        + cluster
        + " (name String, applied_at DateTime DEFAULT now()) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/"
        + database
        + "/schema_migrations', '{replica}') ORDER BY name";
  }

  /** ON CLUSTER: the distributed DDL queue orders two concurrent CREATEs, so the second fails on every server. */
  @Override
  public String createLock() {
    return "CREATE TABLE "
        + database
        + "."
        + LOCK_TABLE
        + " ON CLUSTER "
        + cluster
        + " (owner String) ENGINE = TinyLog";
  }

  @Override
  public String dropLock() {
    return "DROP TABLE IF EXISTS " + database + "." + LOCK_TABLE + " ON CLUSTER " + cluster;
  }

  @Override
  public void syncMigrations(Function<String, String> run) {
    run.apply("SYSTEM SYNC REPLICA " + database + ".schema_migrations");
  }

  /**
   * A table without rows, as on a new cluster, is dropped on every server and created in its new layout, under a
   * ZooKeeper path of the migration's own so no replica of the old layout's path is in its way. Copying rows into a
   * new layout on a cluster needs a distributed copy and a swap of every shard's local table (docs/ingest.md,
   * Retention): not built, so a table with rows stops the upgrade here with the reason, before anything changed.
   * Safe to run again: a dropped table counts as empty and both creates say IF NOT EXISTS.
   */
  @Override
  public void relayout(String name, String migration, Function<String, String> run) {
    String table = Relayout.table(migration);
    if (Schema.exists(run, table)
        && !run.apply("SELECT count() FROM " + table + " FORMAT TabSeparated")
            .strip()
            .equals("0")) {
      throw new IllegalStateException(
          "Migration "
              + name
              + " copies "
              + table
              + " into a new layout, which cluster "
              + "mode (appmetrics.clickhouse.cluster="
              + cluster
              + ") can do only while the table has no rows; see "
              + "docs/ingest.md, Retention");
    }
    run.apply("DROP TABLE IF EXISTS " + database + "." + table + " ON CLUSTER " + cluster);
    run.apply("DROP TABLE IF EXISTS " + database + "." + table + "_local ON CLUSTER " + cluster);
    apply(rewrite(migration, "_" + name.substring(0, name.indexOf('_'))), run);
  }

  /**
   * The view goes on every server, from the source's local table to the target's: an insert reaches one replica of
   * a shard, whose view writes that shard's tier rows, which replication copies like the source's. Giving the view
   * the rows already stored (a distributed backfill) is not built: a source with rows stops the upgrade here.
   */
  @Override
  public void view(String migration, Function<String, String> run) {
    String statement = MigrationStatement.of(migration);
    Matcher view = BackfilledView.parse(statement);
    String source = view.group(4);
    if (Schema.exists(run, view.group(1))) {
      return;
    }
    if (!run.apply("SELECT count() FROM " + source + " FORMAT TabSeparated").strip().equals("0")) {
      throw new IllegalStateException(
          "The view "
              + view.group(1)
              + " needs the rows "
              + source
              + " already holds, "
              + "which cluster mode (appmetrics.clickhouse.cluster="
              + cluster
              + ") cannot copy yet; see docs/query.md");
    }
    run.apply(
        "CREATE MATERIALIZED VIEW IF NOT EXISTS "
            + database
            + "."
            + view.group(1)
            + " ON CLUSTER "
            + cluster
            + " TO "
            + database
            + "."
            + view.group(2)
            + "_local AS "
            + statement.substring(view.start(3), view.start(4))
            + database
            + "."
            + source
            + "_local"
            + statement.substring(view.end(4)));
  }

  @Override
  public List<String> statements(String migration) {
    return rewrite(migration, "").statements();
  }

  /** The statements, then the Distributed table made (again) from the replicated table's columns as they now are. */
  @Override
  public void apply(String migration, Function<String, String> run) {
    apply(rewrite(migration, ""), run);
  }

  private void apply(ReplicatedRewrite rewrite, Function<String, String> run) {
    rewrite.statements().forEach(run::apply);
    new DistributedTable(cluster, database).create(rewrite.table(), run);
  }

  private ReplicatedRewrite rewrite(String migration, String pathSuffix) {
    return ReplicatedRewrite.of(MigrationStatement.of(migration), cluster, database, pathSuffix);
  }
}
