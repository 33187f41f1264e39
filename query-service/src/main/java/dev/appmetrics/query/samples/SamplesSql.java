package dev.appmetrics.query.samples;

import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.samples.SamplesResponse.Sample;
import dev.appmetrics.query.sql.AttributeColumns;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import java.time.Instant;
import java.util.List;

/**
 * The SQL of a samples page: a primary-key range, the filter, a total order, LIMIT offset, count. Sorting every
 * matching event with all its columns would read the attribute arrays of the whole range, so a scalar subquery
 * first finds, from the sort's bound column alone, the value the page cannot go beyond (the least of the first
 * offset + count rows, for a descending order), and the page reads only the rows up to there. For the time orders
 * that bound is on {@code timestamp}, so the primary key skips everything older. Rows decode into samples.
 */
public final class SamplesSql {

  static final String COLUMNS =
      "timestamp_ms, project_id, metric_name, metric_kind, value, unit, trace_id, span_id, "
          + "client_sample_rate, "
          + AttributeColumns.SELECT;

  private SamplesSql() {}

  /** One row more than the page, which says whether another page follows. */
  public static Statement<Sample> page(
      List<Long> projects,
      String metric,
      Filter filter,
      TimeRange range,
      SampleSort sort,
      long offset,
      int limit) {
    String where =
        "project_id IN "
            + Sql.integers(projects)
            + " AND metric_name = "
            + Sql.string(metric)
            + " AND timestamp >= "
            + Sql.dateTime(range.start())
            + " AND timestamp < "
            + Sql.dateTime(range.end());
    if (!(filter instanceof Filter.All)) {
      where += " AND " + FilterSql.condition(filter);
    }
    String column = sort.boundColumn();
    String bound =
        "(SELECT "
            + (sort.descending() ? "min(" : "max(")
            + column
            + ") FROM (SELECT "
            + column
            + " FROM metric_events WHERE "
            + where
            + " ORDER BY "
            + column
            + (sort.descending() ? " DESC" : " ASC")
            + " LIMIT "
            + (offset + limit + 1)
            + "))";
    return new Statement<>(
        "SELECT "
            + COLUMNS
            + "\n"
            + "FROM metric_events\n"
            + "WHERE "
            + where
            + " AND "
            + column
            + (sort.descending() ? " >= " : " <= ")
            + bound
            + "\n"
            + "ORDER BY "
            + sort.orderBy()
            + "\n"
            + "LIMIT "
            + offset
            + ", "
            + (limit + 1)
            + "\n"
            + "FORMAT JSONCompact",
        row ->
            new Sample(
                Instant.ofEpochMilli(row.integer("timestamp_ms")).toString(),
                row.integer("project_id"),
                row.text("metric_name"),
                row.text("metric_kind"),
                row.number("value"),
                row.text("unit"),
                row.text("trace_id"),
                row.text("span_id"),
                row.number("client_sample_rate"),
                AttributeColumns.read(row)));
  }
}
