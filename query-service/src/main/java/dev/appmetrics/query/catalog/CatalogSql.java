package dev.appmetrics.query.catalog;

import dev.appmetrics.query.catalog.CatalogResponses.Attribute;
import dev.appmetrics.query.catalog.CatalogResponses.Metric;
import dev.appmetrics.query.catalog.CatalogResponses.Value;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The statements of the metric catalog: metric names, attribute keys of a metric, values of an attribute. */
public final class CatalogSql {

  public static final int MAX_METRICS = 10_000;
  public static final int MAX_ATTRIBUTES = 1000;
  public static final int MAX_VALUES = 100;

  private CatalogSql() {}

  public static Statement<Metric> metrics(List<Long> projects, TimeRange range) {
    return new Statement<>(
        "SELECT metric_name, metric_kind, any(unit) AS metric_unit, max(timestamp_ms) AS last_seen, count() AS events\n"
            + "FROM metric_events\n"
            + "WHERE "
            + where(projects, range)
            + "\n"
            + "GROUP BY metric_name, metric_kind\n"
            + "ORDER BY metric_name, metric_kind\n"
            + "LIMIT "
            + MAX_METRICS
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new Metric(
                row.text("metric_name"),
                row.text("metric_kind"),
                row.text("metric_unit").isEmpty() ? null : row.text("metric_unit"),
                Instant.ofEpochMilli(row.integer("last_seen")).toString(),
                row.integer("events")));
  }

  public static Statement<Attribute> attributes(
      List<Long> projects, String metric, TimeRange range) {
    String where = where(projects, range) + " AND metric_name = " + Sql.string(metric);
    return new Statement<>(
        "SELECT attribute_key, attribute_type FROM (\n"
            + Stream.of(AttributeType.values())
                .map(
                    type ->
                        "SELECT DISTINCT arrayJoin("
                            + type.keysColumn()
                            + ") AS attribute_key, "
                            + Sql.string(type.wireName())
                            + " AS attribute_type FROM metric_events WHERE "
                            + where)
                .collect(Collectors.joining("\nUNION ALL\n"))
            + "\n"
            + ")\n"
            + "ORDER BY attribute_key, attribute_type\n"
            + "LIMIT "
            + MAX_ATTRIBUTES
            + "\n"
            + "FORMAT JSONCompact",
        row -> new Attribute(row.text("attribute_key"), row.text("attribute_type")));
  }

  /** Values of one attribute (of any type, as text) starting with the prefix, most frequent first. */
  public static Statement<Value> values(
      List<Long> projects, String metric, String key, String prefix, TimeRange range) {
    String where = where(projects, range) + " AND metric_name = " + Sql.string(metric);
    return new Statement<>(
        "SELECT attribute_value, count() AS events FROM (\n"
            + Stream.of(AttributeType.values())
                .map(
                    type ->
                        "SELECT "
                            + type.valueAsText(key)
                            + " AS attribute_value FROM metric_events WHERE "
                            + where
                            + " AND "
                            + type.has(key))
                .collect(Collectors.joining("\nUNION ALL\n"))
            + "\n"
            + ")\n"
            + (prefix.isEmpty()
                ? ""
                : "WHERE startsWith(attribute_value, " + Sql.string(prefix) + ")\n")
            + "GROUP BY attribute_value\n"
            + "ORDER BY events DESC, attribute_value\n"
            + "LIMIT "
            + MAX_VALUES
            + "\n"
            + "FORMAT JSONCompact",
        row -> new Value(row.text("attribute_value"), row.integer("events")));
  }

  private static String where(List<Long> projects, TimeRange range) {
    return "project_id IN "
        + Sql.integers(projects)
        + " AND timestamp >= "
        + Sql.dateTime(range.start())
        + " AND timestamp < "
        + Sql.dateTime(range.end());
  }
}
