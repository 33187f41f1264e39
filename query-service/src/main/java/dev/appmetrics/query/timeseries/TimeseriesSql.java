package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.time.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of the hot query, all of it in this file: one metric of some projects over a time range, bucketed
 * with {@code intDiv} on the Unix time (time-zone free, and 18.16 has no toStartOfInterval), grouped by
 * attributes. The WHERE clause is a primary-key range on (project_id, metric_name, timestamp).
 *
 * <p>Columns of {@link #series}: bucket, [is_other], g0..gN, agg_value, kind, metric_unit.
 * Columns of {@link #ranking}: g0..gN, total, kind, metric_unit.
 */
public final class TimeseriesSql {

  public static final String TABLE = "metric_events";

  private TimeseriesSql() {}

  /** What one query reads. */
  public record Selection(List<Long> projects, String metric, Filter filter, List<String> groupBy, TimeRange range,
      long intervalSeconds, Aggregate aggregate) {

    Selection shiftedTo(TimeRange other) {
      return new Selection(projects, metric, filter, groupBy, other, intervalSeconds, aggregate);
    }
  }

  /**
   * Values per bucket and group. With {@code keptGroups}, groups outside that list are folded into one row per
   * bucket with is_other = 1 (the top-N's "other" series).
   */
  public static String series(Selection s, List<List<String>> keptGroups) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    select.add("intDiv(toUInt32(timestamp), " + s.intervalSeconds() + ") * " + s.intervalSeconds() + " AS bucket");
    groupBy.add("bucket");
    List<String> keys = groupExpressions(s.groupBy());
    if (keptGroups != null) {
      select.add(notIn(keys, keptGroups) + " AS is_other");
      groupBy.add("is_other");
    }
    for (int i = 0; i < keys.size(); i++) {
      select.add((keptGroups == null ? keys.get(i) : "if(is_other, '', " + keys.get(i) + ")") + " AS g" + i);
      groupBy.add("g" + i);
    }
    select.add(s.aggregate().sql(s.intervalSeconds()) + " AS agg_value");
    select.add("any(metric_kind) AS kind");
    select.add("any(unit) AS metric_unit");
    return "SELECT " + String.join(", ", select) + "\n"
        + "FROM " + TABLE + "\n"
        + "WHERE " + where(s) + "\n"
        + "GROUP BY " + String.join(", ", groupBy) + "\n"
        + "FORMAT JSONCompact";
  }

  /** Groups ranked by the aggregate over the whole range; one row more than the limit says whether any remain. */
  public static String ranking(Selection s, int limit, boolean ascending) {
    List<String> keys = groupExpressions(s.groupBy());
    List<String> aliases = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      select.add(keys.get(i) + " AS g" + i);
      aliases.add("g" + i);
    }
    select.add(s.aggregate().sql(s.range().seconds()) + " AS total");
    select.add("any(metric_kind) AS kind");
    select.add("any(unit) AS metric_unit");
    return "SELECT " + String.join(", ", select) + "\n"
        + "FROM " + TABLE + "\n"
        + "WHERE " + where(s) + "\n"
        + "GROUP BY " + String.join(", ", aliases) + "\n"
        + "ORDER BY total " + (ascending ? "ASC" : "DESC") + ", " + String.join(", ", aliases) + "\n"
        + "LIMIT " + (limit + 1) + "\n"
        + "FORMAT JSONCompact";
  }

  private static String where(Selection s) {
    String where = "project_id IN " + Sql.integers(s.projects())
        + " AND metric_name = " + Sql.string(s.metric())
        + " AND timestamp >= " + Sql.dateTime(s.range().start())
        + " AND timestamp < " + Sql.dateTime(s.range().end());
    return s.filter() instanceof Filter.All ? where : where + " AND " + FilterSql.condition(s.filter());
  }

  private static List<String> groupExpressions(List<String> keys) {
    return keys.stream().map(AttributeType::anyValueAsText).toList();
  }

  private static String notIn(List<String> keys, List<List<String>> kept) {
    if (keys.size() == 1) {
      return keys.get(0) + " NOT IN " + Sql.strings(kept.stream().map(g -> g.get(0)).toList());
    }
    return keys.stream().collect(Collectors.joining(", ", "(", ")")) + " NOT IN "
        + kept.stream().map(Sql::strings).collect(Collectors.joining(", ", "(", ")"));
  }
}
