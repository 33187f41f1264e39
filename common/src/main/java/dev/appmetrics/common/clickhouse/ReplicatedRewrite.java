package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration's table and the statements that make the same change to its replicated {@code <table>_local} on every
 * server of a cluster: a {@code CREATE TABLE IF NOT EXISTS ... ENGINE = *MergeTree} becomes the Replicated engine
 * under a ZooKeeper path per shard, an {@code ALTER TABLE ... ADD COLUMN} alters the local table.
 */
record ReplicatedRewrite(String table, List<String> statements) {

  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s*(\\(.*\\))\\s*"
              + "ENGINE\\s*=\\s*(\\w*)MergeTree(?:\\s*\\(([^()]*)\\))?(.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "^ALTER\\s+TABLE\\s+(\\w+)\\s+(ADD\\s+COLUMN\\s.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * {@code statement}: the migration without comments ({@link MigrationStatement}); {@code pathSuffix}: appended to
   * the replicated table's ZooKeeper path, for a table created anew.
   */
  static ReplicatedRewrite of(
      String statement, String cluster, String database, String pathSuffix) {
    Matcher addColumn = ADD_COLUMN.matcher(statement);
    if (addColumn.matches()) {
      // An ALTER of the Distributed table ON CLUSTER is refused where shards are replicated (it
      // would run on one
      // replica per shard); it holds no rows, so it is dropped here and made again with the new
      // column.
      String table = addColumn.group(1);
      return new ReplicatedRewrite(
          table,
          List.of(
              "ALTER TABLE "
                  + database
                  + "."
                  + table
                  + "_local ON CLUSTER "
                  + cluster
                  + " "
                  + addColumn.group(2),
              "DROP TABLE IF EXISTS " + database + "." + table + " ON CLUSTER " + cluster));
    }
    Matcher create =
        MigrationStatement.parts(
            CREATE_TABLE,
            statement,
            "Cluster mode turns one CREATE TABLE IF NOT EXISTS ... ENGINE = *MergeTree statement into a replicated "
                + "and a Distributed table, and one ALTER TABLE ... ADD COLUMN into the same change of both; "
                + "this migration is something else");
    String table = create.group(1);
    String local = table + "_local";
    String engineArguments =
        create.group(4) == null || create.group(4).isBlank() ? "" : ", " + create.group(4).strip();
    return new ReplicatedRewrite(
        table,
        List.of(
            "CREATE TABLE IF NOT EXISTS "
                + database
                + "."
                + local
                + " ON CLUSTER "
                + cluster
                + " "
                + create.group(2)
                + " ENGINE = Replicated"
                + create.group(3)
                + "MergeTree('/clickhouse/tables/"
                + "{shard}/"
                + database
                + "/"
                + local
                + pathSuffix
                + "', '{replica}'"
                + engineArguments
                + ")"
                + create.group(5)));
  }
}
