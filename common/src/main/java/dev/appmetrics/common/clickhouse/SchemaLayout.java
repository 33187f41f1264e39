package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * The statements that apply one migration file: one {@code CREATE TABLE IF NOT EXISTS ... MergeTree} or one
   * {@code ALTER TABLE ... ADD COLUMN} each.
   */
  List<String> statements(String migration);

  /** Refuses a {@link Relayout} migration this layout cannot apply, before anything of it ran. */
  void requireRelayoutSupported(String migration);

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
    public void requireRelayoutSupported(String migration) {
      // One server copies and swaps its tables itself.
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

    private static final Pattern CREATE_TABLE = Pattern.compile(
        "^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s*(\\(.*\\))\\s*"
            + "ENGINE\\s*=\\s*(\\w*)MergeTree(?:\\s*\\(([^()]*)\\))?(.*)$",
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ADD_COLUMN = Pattern.compile(
        "^ALTER\\s+TABLE\\s+(\\w+)\\s+(ADD\\s+COLUMN\\s.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");

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

    /**
     * Copying a table into a new layout on a cluster needs a distributed copy and a swap of every shard's local table
     * (docs/ingest.md, Retention): not built yet, so the upgrade stops here with the reason instead of leaving a
     * schema the writer's rows do not fit.
     */
    @Override
    public void requireRelayoutSupported(String migration) {
      throw new IllegalStateException("Migration " + migration + " copies a table into a new layout, which cluster mode "
          + "(appmetrics.clickhouse.cluster=" + cluster + ") cannot do yet; see docs/ingest.md, Retention");
    }

    @Override
    public List<String> statements(String migration) {
      String sql = LINE_COMMENT.matcher(migration).replaceAll("").strip();
      Matcher addColumn = ADD_COLUMN.matcher(sql);
      if (addColumn.matches()) {
        // Both tables change: the replicated one holds the column, the Distributed one must know it to read it.
        String table = addColumn.group(1);
        return List.of(
            "ALTER TABLE " + database + "." + table + "_local ON CLUSTER " + cluster + " " + addColumn.group(2),
            "ALTER TABLE " + database + "." + table + " ON CLUSTER " + cluster + " " + addColumn.group(2));
      }
      Matcher create = CREATE_TABLE.matcher(sql);
      if (!create.matches()) {
        throw new IllegalArgumentException(
            "Cluster mode turns one CREATE TABLE IF NOT EXISTS ... ENGINE = *MergeTree statement into a replicated "
                + "and a Distributed table, and one ALTER TABLE ... ADD COLUMN into the same change of both; "
                + "this migration is something else: " + sql);
      }
      String table = create.group(1);
      String local = table + "_local";
      String engineArguments = create.group(4) == null || create.group(4).isBlank() ? "" : ", " + create.group(4).strip();
      String replicated = "CREATE TABLE IF NOT EXISTS " + database + "." + local + " ON CLUSTER " + cluster + " "
          + create.group(2) + " ENGINE = Replicated" + create.group(3) + "MergeTree('/clickhouse/tables/{shard}/"
          + database + "/" + local + "', '{replica}'" + engineArguments + ")" + create.group(5);
      String distributed = "CREATE TABLE IF NOT EXISTS " + database + "." + table + " ON CLUSTER " + cluster
          + " AS " + database + "." + local + " ENGINE = Distributed(" + cluster + ", " + database + ", " + local
          + ", " + SHARDING_KEYS.getOrDefault(table, "rand()") + ")";
      return List.of(replicated, distributed);
    }
  }
}
