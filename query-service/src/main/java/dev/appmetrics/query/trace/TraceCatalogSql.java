package dev.appmetrics.query.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import java.util.ArrayList;
import java.util.List;

/**
 * What trace search conditions can name, most frequent first: topK is one pass and approximate, which is what
 * autocomplete needs. An aggregate without GROUP BY always answers one row.
 */
final class TraceCatalogSql {

  /** The span columns' values. */
  record SpanValues(
      List<String> ops,
      List<String> transactions,
      List<String> statuses,
      List<String> releases,
      List<String> environments) {}

  private TraceCatalogSql() {}

  static Statement<SpanValues> spans(long project, TimeRange range) {
    int k = TraceCatalog.MAX_VALUES;
    return new Statement<>(
        "SELECT topK("
            + k
            + ")(op) AS ops, topK("
            + k
            + ")(transaction) AS transactions, topK("
            + k
            + ")(status) AS statuses, topK("
            + k
            + ")(release) AS releases, topK("
            + k
            + ")(environment) AS environments\n"
            + "FROM spans\n"
            + "WHERE "
            + inRange(project, range)
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new SpanValues(
                texts(row.get("ops")),
                texts(row.get("transactions")),
                texts(row.get("statuses")),
                texts(row.get("releases")),
                texts(row.get("environments"))));
  }

  static Statement<List<String>> logLevels(long project, TimeRange range) {
    return new Statement<>(
        "SELECT topK("
            + TraceCatalog.MAX_VALUES
            + ")(level) AS levels\nFROM logs\nWHERE "
            + inRange(project, range)
            + "\nFORMAT JSONCompact",
        row -> texts(row.get("levels")));
  }

  static Statement<List<String>> exceptionTypes(long project, TimeRange range) {
    return new Statement<>(
        "SELECT topK("
            + TraceCatalog.MAX_VALUES
            + ")(exception_type) AS types\nFROM errors\nWHERE "
            + inRange(project, range)
            + "\nFORMAT JSONCompact",
        row -> texts(row.get("types")));
  }

  private static String inRange(long project, TimeRange range) {
    return "project_id = "
        + Sql.integer(project)
        + " AND timestamp >= "
        + Sql.dateTime(range.start())
        + " AND timestamp < "
        + Sql.dateTime(range.end());
  }

  /** A topK array without the empty value (a column not sent). */
  private static List<String> texts(JsonNode values) {
    List<String> texts = new ArrayList<>();
    values.forEach(
        value -> {
          if (!value.asText().isEmpty()) {
            texts.add(value.asText());
          }
        });
    return texts;
  }
}
