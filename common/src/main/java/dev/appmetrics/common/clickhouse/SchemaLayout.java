package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the tables of a migration live: on one server as written, or on a ClickHouse cluster as a replicated
 * {@code <name>_local} table on every shard plus a {@code Distributed} table named like the original, so
 * readers and writers keep using the migration's table name in both modes.
 */
sealed interface SchemaLayout {

  /** Identifiers go into DDL unescaped, so they are allow-listed here, once. */
  Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  String LOCK_TABLE = "schema_migrations_lock";

  static SchemaLayout of(String database, String cluster) {
    return cluster == null || cluster.isBlank() ? new SingleNode(database) : new Cluster(cluster, database);
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

  private static String identifier(String what, String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid ClickHouse " + what + " name: " + value);
    }
    return value;
  }

  /** One server: the migrations run as they are written. */
  record SingleNode(String database) implements SchemaLayout {

    public SingleNode {
      identifier("database", database);
    }

    @Override
    public String createDatabase() {
      return "CREATE DATABASE IF NOT EXISTS " + database;
    }

    @Override
    public String createMigrationsTable() {
      return "CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations "
          + "(name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY name";
    }

    @Override
    public String createLock() {
      return "CREATE TABLE " + database + "." + LOCK_TABLE + " (owner String) ENGINE = TinyLog";
    }

    @Override
    public String dropLock() {
      return "DROP TABLE IF EXISTS " + database + "." + LOCK_TABLE;
    }

    @Override
    public List<String> statements(String migration) {
      return List.of(migration);
    }

    @Override
    public void relayout(String name, String migration, Function<String, String> run) {
      new Relayout(run).apply(migration);
    }

    @Override
    public void view(String migration, Function<String, String> run) {
      new BackfilledView(run).apply(migration);
    }
  }

  /**
   * A cluster named in the servers' {@code remote_servers}, with the macros {@code {shard}} and {@code {replica}}
   * defined on every server and ZooKeeper (or ClickHouse Keeper) for replication and ON CLUSTER DDL.
   */
  record Cluster(String cluster, String database) implements SchemaLayout {

    /**
     * How rows of a table spread over shards. A deterministic key makes a retried insert split into the same
     * per-shard blocks, which ReplicatedMergeTree then deduplicates; keeping one series (project and metric) on
     * one shard spreads a large project over every shard by its metrics. Tables not listed use rand().
     */
    static final Map<String, String> SHARDING_KEYS = Map.of(
        "metric_events", "cityHash64(project_id, metric_name)",
        // A trace's spans, logs and errors on one shard: a trace lookup reads one shard's primary-key range.
        "spans", "cityHash64(project_id, trace_id)",
        "logs", "cityHash64(project_id, trace_id)",
        "errors", "cityHash64(project_id, trace_id)");
    /** A downsampled tier ({@code metric_events_downsample_8}) is sharded like the table it samples. */
    private static final Pattern TIER = Pattern.compile("(\\w+)_downsample_\\d+");

    private static final Pattern CREATE_TABLE = Pattern.compile(
        "^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s*(\\(.*\\))\\s*"
            + "ENGINE\\s*=\\s*(\\w*)MergeTree(?:\\s*\\(([^()]*)\\))?(.*)$",
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ADD_COLUMN = Pattern.compile(
        "^ALTER\\s+TABLE\\s+(\\w+)\\s+(ADD\\s+COLUMN\\s.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    static String shardingKey(String table) {
      Matcher tier = TIER.matcher(table);
      return SHARDING_KEYS.getOrDefault(tier.matches() ? tier.group(1) : table, "rand()");
    }

    public Cluster {
      identifier("cluster", cluster);
      identifier("database", database);
    }

    @Override
    public String createDatabase() {
      return "CREATE DATABASE IF NOT EXISTS " + database + " ON CLUSTER " + cluster;
    }

    /** One replica set over every server (no {shard} in the path), so each server knows what was applied. */
    @Override
    public String createMigrationsTable() {
      return "CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations ON CLUSTER " + cluster
          + " (name String, applied_at DateTime DEFAULT now()) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/"
          + database + "/schema_migrations', '{replica}') ORDER BY name";
    }

    /** ON CLUSTER: the distributed DDL queue orders two concurrent CREATEs, so the second fails on every server. */
    @Override
    public String createLock() {
      return "CREATE TABLE " + database + "." + LOCK_TABLE + " ON CLUSTER " + cluster + " (owner String) ENGINE = TinyLog";
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
      if (Schema.exists(run, table) && !run.apply("SELECT count() FROM " + table + " FORMAT TabSeparated").strip()
          .equals("0")) {
        throw new IllegalStateException("Migration " + name + " copies " + table + " into a new layout, which cluster "
            + "mode (appmetrics.clickhouse.cluster=" + cluster + ") can do only while the table has no rows; see "
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
        throw new IllegalStateException("The view " + view.group(1) + " needs the rows " + source + " already holds, "
            + "which cluster mode (appmetrics.clickhouse.cluster=" + cluster + ") cannot copy yet; see docs/query.md");
      }
      run.apply("CREATE MATERIALIZED VIEW IF NOT EXISTS " + database + "." + view.group(1) + " ON CLUSTER " + cluster
          + " TO " + database + "." + view.group(2) + "_local AS " + statement.substring(view.start(3), view.start(4))
          + database + "." + source + "_local" + statement.substring(view.end(4)));
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

    private void apply(Rewrite rewrite, Function<String, String> run) {
      rewrite.statements().forEach(run::apply);
      List<Column> columns = run.apply("SELECT name, type, default_kind, default_expression FROM system.columns "
          + "WHERE database = currentDatabase() AND table = '" + rewrite.table() + "_local' FORMAT TabSeparated")
          .lines().filter(line -> !line.isBlank()).map(Column::ofTabSeparated).toList();
      run.apply(distributed(rewrite.table(), columns));
    }

    /** A migration's table and the statements that change its replicated table on every server. */
    private record Rewrite(String table, List<String> statements) {}

    /** {@code pathSuffix}: appended to the replicated table's ZooKeeper path, for a table created anew. */
    private Rewrite rewrite(String migration, String pathSuffix) {
      String sql = MigrationStatement.of(migration);
      Matcher addColumn = ADD_COLUMN.matcher(sql);
      if (addColumn.matches()) {
        // An ALTER of the Distributed table ON CLUSTER is refused where shards are replicated (it would run on one
        // replica per shard); it holds no rows, so it is dropped here and made again with the new column.
        String table = addColumn.group(1);
        return new Rewrite(table, List.of(
            "ALTER TABLE " + database + "." + table + "_local ON CLUSTER " + cluster + " " + addColumn.group(2),
            "DROP TABLE IF EXISTS " + database + "." + table + " ON CLUSTER " + cluster));
      }
      Matcher create = MigrationStatement.parts(CREATE_TABLE, sql,
          "Cluster mode turns one CREATE TABLE IF NOT EXISTS ... ENGINE = *MergeTree statement into a replicated "
              + "and a Distributed table, and one ALTER TABLE ... ADD COLUMN into the same change of both; "
              + "this migration is something else");
      String table = create.group(1);
      String local = table + "_local";
      String engineArguments = create.group(4) == null || create.group(4).isBlank() ? "" : ", " + create.group(4).strip();
      return new Rewrite(table, List.of("CREATE TABLE IF NOT EXISTS " + database + "." + local + " ON CLUSTER " + cluster
          + " " + create.group(2) + " ENGINE = Replicated" + create.group(3) + "MergeTree('/clickhouse/tables/{shard}/"
          + database + "/" + local + pathSuffix + "', '{replica}'" + engineArguments + ")" + create.group(5)));
    }

    /**
     * The Distributed table over {@code <table>_local}, with its columns. A MATERIALIZED column becomes an ALIAS of
     * the same expression: readable through the Distributed table, and never sent with an insert (a Distributed table
     * would compute it and send it on, which an 18.16 shard refuses); the shard computes it.
     */
    String distributed(String table, List<Column> columns) {
      String local = table + "_local";
      return "CREATE TABLE IF NOT EXISTS " + database + "." + table + " ON CLUSTER " + cluster + " ("
          + columns.stream().map(Column::definition).collect(Collectors.joining(", ")) + ") ENGINE = Distributed("
          + cluster + ", " + database + ", " + local + ", " + shardingKey(table) + ")";
    }
  }

  /** A column as system.columns describes it. */
  record Column(String name, String type, String defaultKind, String defaultExpression) {

    static Column ofTabSeparated(String line) {
      String[] fields = line.split("\t", -1);
      return new Column(fields[0], unescape(fields[1]), fields[2], unescape(fields[3]));
    }

    String definition() {
      return name + " " + type + switch (defaultKind) {
        case "" -> "";
        case "MATERIALIZED" -> " ALIAS " + defaultExpression;
        default -> " " + defaultKind + " " + defaultExpression;
      };
    }

    /** TabSeparated escapes a backslash, a tab, a line break and a quote with a backslash. */
    private static String unescape(String field) {
      return ESCAPED.matcher(field).replaceAll(escape -> Matcher.quoteReplacement(switch (escape.group(1)) {
        case "t" -> "\t";
        case "n" -> "\n";
        default -> escape.group(1);
      }));
    }

    private static final Pattern ESCAPED = Pattern.compile("\\\\(.)");
  }
}
