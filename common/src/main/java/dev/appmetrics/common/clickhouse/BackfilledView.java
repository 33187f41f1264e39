package dev.appmetrics.common.clickhouse;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration that adds a materialized view to a table that already has rows: a view only sees inserts made after it
 * exists, so its target is first given what the view would have made of the rows already stored ({@link DayByDay}),
 * then the view is created. The file is the view's {@code CREATE MATERIALIZED VIEW IF NOT EXISTS v TO t AS SELECT ...
 * FROM source WHERE ...}.
 *
 * <p>Safe to run again after it stopped anywhere: once the view exists there is nothing to do; before, the target is
 * emptied (partition by partition) and filled again. As with {@link Relayout}, rows an older writer inserts while it
 * runs are not copied: stop older writers for the upgrade.
 */
final class BackfilledView {

  private static final Pattern VIEW =
      Pattern.compile(
          "^CREATE\\s+MATERIALIZED\\s+VIEW\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s+TO\\s+(\\w+)\\s+AS\\s+"
              + "(SELECT\\s.*\\sFROM\\s+(\\w+)\\s+WHERE\\s.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final Function<String, String> run;

  BackfilledView(Function<String, String> run) {
    this.run = run;
  }

  static boolean isBackfilledView(String migrationName) {
    return migrationName.endsWith(".view.sql");
  }

  /** The view's parts, of a statement without comments: 1 the view, 2 its target, 3 its SELECT, 4 the source. */
  static Matcher parse(String statement) {
    return MigrationStatement.parts(
        VIEW,
        statement,
        "A view migration is one CREATE MATERIALIZED VIEW IF NOT EXISTS "
            + "... TO ... AS SELECT ... FROM ... WHERE ... statement");
  }

  void apply(String migration) {
    String statement = MigrationStatement.of(migration);
    Matcher view = parse(statement);
    if (Schema.exists(run, view.group(1))) {
      return;
    }
    String target = view.group(2);
    run.apply(
            "SELECT partition_id FROM system.parts WHERE database = currentDatabase() AND table = '"
                + target
                + "' AND active GROUP BY partition_id FORMAT TabSeparated")
        .lines()
        .filter(id -> !id.isBlank())
        .forEach(id -> run.apply("ALTER TABLE " + target + " DROP PARTITION ID '" + id + "'"));
    String columns = Schema.columns(run, target);
    DayByDay.copy(
        run,
        view.group(4),
        condition ->
            "INSERT INTO "
                + target
                + " ("
                + columns
                + ") SELECT "
                + columns
                + " FROM ("
                + view.group(3)
                + " AND "
                + condition
                + ")");
    run.apply(statement);
  }
}
