package dev.appmetrics.common.clickhouse;

import java.time.LocalDate;
import java.util.function.Function;

/**
 * Copies what a migration moves a day of its source at a time, an hour at a time for a day of more than
 * {@link #ROWS_PER_STATEMENT} rows, so that each statement stays well inside the client's timeout however large the
 * table. The days come from the source's own timestamps, grouped and filtered by the same server-side functions, so
 * every row falls in exactly one statement.
 */
final class DayByDay {

  static final long ROWS_PER_STATEMENT = 2_000_000;

  private DayByDay() {}

  /** {@code statement}: the copy of the rows matching a condition on {@code timestamp}. */
  static void copy(
      Function<String, String> run, String source, Function<String, String> statement) {
    for (String line :
        run.apply(
                "SELECT toDate(timestamp) AS day, count() FROM "
                    + source
                    + " GROUP BY day ORDER BY day FORMAT TabSeparated")
            .lines()
            .filter(line -> !line.isBlank())
            .toList()) {
      String[] dayAndRows = line.split("\t");
      String day = "toDate(timestamp) = '" + LocalDate.parse(dayAndRows[0]) + "'";
      if (Long.parseLong(dayAndRows[1]) <= ROWS_PER_STATEMENT) {
        run.apply(statement.apply(day));
      } else {
        for (int hour = 0; hour < 24; hour++) {
          run.apply(statement.apply(day + " AND toHour(timestamp) = " + hour));
        }
      }
    }
  }
}
