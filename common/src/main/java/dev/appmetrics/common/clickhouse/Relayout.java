package dev.appmetrics.common.clickhouse;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration that gives an existing table a new layout ClickHouse cannot ALTER into, such as a new partition key:
 * the file is the table's new {@code CREATE TABLE IF NOT EXISTS}, with every column the table has plus new ones with
 * defaults. The rows are copied into {@code <table>_relayout_next} ({@link DayByDay}), then both tables are swapped by
 * one RENAME and the old one dropped.
 *
 * <p>Safe to run again after it stopped anywhere: a leftover next table is an unfinished copy and is built again; a
 * leftover previous table means the swap happened, so only the drop (or the second half of the swap) is left. Rows an
 * older writer inserts into the old table while the copy runs are not copied: stop older writers for the upgrade.
 */
final class Relayout {

  private static final Pattern CREATE =
      Pattern.compile(
          "^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s*(\\(.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final Function<String, String> run;

  /** {@code run}: executes one statement in the migrated database and returns its TabSeparated answer. */
  Relayout(Function<String, String> run) {
    this.run = run;
  }

  static boolean isRelayout(String migrationName) {
    return migrationName.endsWith(".relayout.sql");
  }

  /** The table a relayout migration gives its new layout. */
  static String table(String migration) {
    return parse(migration).group(1);
  }

  private static Matcher parse(String migration) {
    return MigrationStatement.parts(
        CREATE,
        MigrationStatement.of(migration),
        "A relayout migration is one CREATE TABLE IF NOT EXISTS statement");
  }

  void apply(String migration) {
    Matcher create = parse(migration);
    String table = create.group(1);
    String next = table + "_relayout_next";
    String previous = table + "_relayout_previous";
    if (exists(previous)) {
      if (!exists(table)) {
        run.apply("RENAME TABLE " + next + " TO " + table);
      }
      run.apply("DROP TABLE " + previous);
      return;
    }
    run.apply("DROP TABLE IF EXISTS " + next);
    run.apply("CREATE TABLE " + next + " " + create.group(2));
    copy(table, next);
    run.apply("RENAME TABLE " + table + " TO " + previous + ", " + next + " TO " + table);
    run.apply("DROP TABLE " + previous);
  }

  private void copy(String from, String to) {
    String columns = Schema.columns(run, from);
    String insert =
        "INSERT INTO " + to + " (" + columns + ") SELECT " + columns + " FROM " + from + " WHERE ";
    DayByDay.copy(run, from, condition -> insert + condition);
  }

  private boolean exists(String table) {
    return Schema.exists(run, table);
  }
}
