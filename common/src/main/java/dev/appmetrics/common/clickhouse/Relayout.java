package dev.appmetrics.common.clickhouse;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration that gives an existing table a new layout ClickHouse cannot ALTER into, such as a new partition key:
 * the file is the table's new {@code CREATE TABLE IF NOT EXISTS}, with every column the table has plus new ones with
 * defaults. The rows are copied into {@code <table>_relayout_next} a day at a time (an hour at a time for a large day,
 * so each statement stays well inside the client's timeout), then both tables are swapped by one RENAME and the old
 * one dropped.
 *
 * <p>Safe to run again after it stopped anywhere: a leftover next table is an unfinished copy and is built again; a
 * leftover previous table means the swap happened, so only the drop (or the second half of the swap) is left. Rows an
 * older writer inserts into the old table while the copy runs are not copied: stop older writers for the upgrade.
 */
final class Relayout {

  private static final Pattern CREATE = Pattern.compile(
      "^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s*(\\(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
  /** Above this many rows a day is copied an hour at a time. */
  static final long ROWS_PER_STATEMENT = 2_000_000;

  private final Function<String, String> run;

  /** {@code run}: executes one statement in the migrated database and returns its TabSeparated answer. */
  Relayout(Function<String, String> run) {
    this.run = run;
  }

  static boolean isRelayout(String migrationName) {
    return migrationName.endsWith(".relayout.sql");
  }

  void apply(String migration) {
    Matcher create = CREATE.matcher(LINE_COMMENT.matcher(migration).replaceAll("").strip());
    if (!create.matches()) {
      throw new IllegalArgumentException("A relayout migration is one CREATE TABLE IF NOT EXISTS statement: " + migration);
    }
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
    String columns = String.join(", ", run.apply(
        "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '" + from
            + "' FORMAT TabSeparated").lines().filter(line -> !line.isBlank()).toList());
    String insert = "INSERT INTO " + to + " (" + columns + ") SELECT " + columns + " FROM " + from + " WHERE ";
    List<String> days = run.apply("SELECT toDate(timestamp) AS day, count() FROM " + from
        + " GROUP BY day ORDER BY day FORMAT TabSeparated").lines().filter(line -> !line.isBlank()).toList();
    for (String line : days) {
      String[] dayAndRows = line.split("\t");
      LocalDate day = LocalDate.parse(dayAndRows[0]);
      if (Long.parseLong(dayAndRows[1]) <= ROWS_PER_STATEMENT) {
        run.apply(insert + "toDate(timestamp) = '" + day + "'");
      } else {
        for (int hour = 0; hour < 24; hour++) {
          run.apply(insert + "toDate(timestamp) = '" + day + "' AND toHour(timestamp) = " + hour);
        }
      }
    }
  }

  private boolean exists(String table) {
    return run.apply("EXISTS TABLE " + table + " FORMAT TabSeparated").strip().equals("1");
  }
}
