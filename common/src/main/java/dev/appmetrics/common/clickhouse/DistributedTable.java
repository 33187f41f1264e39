package dev.appmetrics.common.clickhouse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Distributed table a cluster's readers and writers use under a migration's table name, over the replicated
 * {@code <table>_local} of every shard, with that table's columns and a sharding key.
 */
record DistributedTable(String cluster, String database) {

  /**
   * How rows of a table spread over shards. A deterministic key makes a retried insert split into the same
   * per-shard blocks, which ReplicatedMergeTree then deduplicates; keeping one series (project and metric) on
   * one shard spreads a large project over every shard by its metrics. Tables not listed use rand().
   */
  static final Map<String, String> SHARDING_KEYS =
      Map.of(
          "metric_events", "cityHash64(project_id, metric_name)",
          // A trace's spans, logs and errors on one shard: a trace lookup reads one shard's
          // primary-key range.
          "spans", "cityHash64(project_id, trace_id)",
          "logs", "cityHash64(project_id, trace_id)",
          "errors", "cityHash64(project_id, trace_id)");

  /** A downsampled tier ({@code metric_events_downsample_8}) is sharded like the table it samples. */
  private static final Pattern TIER = Pattern.compile("(\\w+)_downsample_\\d+");

  static String shardingKey(String table) {
    Matcher tier = TIER.matcher(table);
    return SHARDING_KEYS.getOrDefault(tier.matches() ? tier.group(1) : table, "rand()");
  }

  /** Creates the table over {@code <table>_local}'s columns as they now are (after a migration changed them). */
  void create(String table, Function<String, String> run) {
    List<Column> columns =
        run.apply(
                "SELECT name, type, default_kind, default_expression FROM system.columns "
                    + "WHERE database = currentDatabase() AND table = '"
                    + table
                    + "_local' FORMAT TabSeparated")
            .lines()
            .filter(line -> !line.isBlank())
            .map(Column::ofTabSeparated)
            .toList();
    run.apply(statement(table, columns));
  }

  /**
   * The Distributed table over {@code <table>_local}, with its columns. A MATERIALIZED column becomes an ALIAS of
   * the same expression: readable through the Distributed table, and never sent with an insert (a Distributed table
   * would compute it and send it on, which an 18.16 shard refuses); the shard computes it.
   */
  String statement(String table, List<Column> columns) {
    String local = table + "_local";
    return "CREATE TABLE IF NOT EXISTS "
        + database
        + "."
        + table
        + " ON CLUSTER "
        + cluster
        + " ("
        + columns.stream().map(Column::definition).collect(Collectors.joining(", "))
        + ") ENGINE = Distributed("
        + cluster
        + ", "
        + database
        + ", "
        + local
        + ", "
        + shardingKey(table)
        + ")";
  }

  /** A column as system.columns describes it. */
  record Column(String name, String type, String defaultKind, String defaultExpression) {

    private static final Pattern ESCAPED = Pattern.compile("\\\\(.)");

    static Column ofTabSeparated(String line) {
      String[] fields = line.split("\t", -1);
      return new Column(fields[0], unescape(fields[1]), fields[2], unescape(fields[3]));
    }

    String definition() {
      return name
          + " "
          + type
          + switch (defaultKind) {
            case "" -> "";
            case "MATERIALIZED" -> " ALIAS " + defaultExpression;
            default -> " " + defaultKind + " " + defaultExpression;
          };
    }

    /** TabSeparated escapes a backslash, a tab, a line break and a quote with a backslash. */
    private static String unescape(String field) {
      return ESCAPED
          .matcher(field)
          .replaceAll(
              escape ->
                  Matcher.quoteReplacement(
                      switch (escape.group(1)) {
                        case "t" -> "\t";
                        case "n" -> "\n";
                        default -> escape.group(1);
                      }));
    }
  }
}
