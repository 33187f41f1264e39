package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the tables of a migration live: on one server as written ({@link SingleServerLayout}), or on a ClickHouse
 * cluster as a replicated {@code <name>_local} table on every shard plus a {@code Distributed} table named like the
 * original ({@link ClusterLayout}), so readers and writers keep using the migration's table name in both modes.
 */
sealed interface SchemaLayout permits SingleServerLayout, ClusterLayout {

  /** Identifiers go into DDL unescaped, so they are allow-listed here, once. */
  Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  String LOCK_TABLE = "schema_migrations_lock";

  static SchemaLayout of(String database, String cluster) {
    return cluster == null || cluster.isBlank()
        ? new SingleServerLayout(database)
        : new ClusterLayout(cluster, database);
  }

  String createDatabase();

  String createMigrationsTable();

  /**
   * The migration lock: a CREATE TABLE without IF NOT EXISTS, which exactly one of several concurrent callers wins
   * (the others get TABLE_ALREADY_EXISTS); ClickHouse has no transactions or advisory locks to use instead.
   */
  String createLock();

  String dropLock();

  /**
   * The statements that change the stored table for one migration file: one {@code CREATE TABLE IF NOT EXISTS ...
   * MergeTree} or one {@code ALTER TABLE ... ADD COLUMN} each.
   */
  List<String> statements(String migration);

  /** Applies one such migration file; {@code run} executes a statement and returns its TabSeparated answer. */
  default void apply(String migration, Function<String, String> run) {
    statements(migration).forEach(run::apply);
  }

  /**
   * Applies a {@link Relayout} migration (the table's new {@code CREATE TABLE IF NOT EXISTS}); {@code run} executes one
   * statement in the migrated database and returns its TabSeparated answer.
   */
  void relayout(String name, String migration, Function<String, String> run);

  /** Applies a {@link BackfilledView} migration (a {@code CREATE MATERIALIZED VIEW IF NOT EXISTS ... TO}). */
  void view(String migration, Function<String, String> run);

  /**
   * Makes what other migrators recorded visible to this one before it reads the log under the lock: on a cluster the
   * log is replicated, and the server this migrator asks may not have fetched the last record yet.
   */
  default void syncMigrations(Function<String, String> run) {}

  /** The name, if it is a plain identifier; the layouts check theirs when they are made. */
  static String identifier(String what, String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid ClickHouse " + what + " name: " + value);
    }
    return value;
  }
}
