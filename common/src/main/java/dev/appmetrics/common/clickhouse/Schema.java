package dev.appmetrics.common.clickhouse;

import java.util.function.Function;

/** What a migration step asks the database about its tables. */
final class Schema {

  private Schema() {}

  static boolean exists(Function<String, String> run, String table) {
    return run.apply("EXISTS TABLE " + table + " FORMAT TabSeparated").strip().equals("1");
  }

  /** The columns an INSERT may name, comma-separated in the table's order: not the computed (MATERIALIZED, ALIAS) ones. */
  static String columns(Function<String, String> run, String table) {
    return String.join(
        ", ",
        run.apply(
                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '"
                    + table
                    + "' AND default_kind NOT IN ('MATERIALIZED', 'ALIAS') FORMAT TabSeparated")
            .lines()
            .filter(line -> !line.isBlank())
            .toList());
  }
}
