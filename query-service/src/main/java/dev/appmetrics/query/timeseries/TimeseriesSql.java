package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Row;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.sql.Statement;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.Selection.Grouping;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of the hot query, all of it in this file: one metric of some projects over a time range, bucketed
 * with {@code intDiv} on the Unix time (time-zone free, and 18.16 has no toStartOfInterval), grouped by
 * attributes. The WHERE clause is a primary-key range on (project_id, metric_name, timestamp).
 *
 * <p>Queries of one request that read the same metric with the same group-by share one statement (a
 * {@link Selection}), so the data is scanned once: each query ("member") gets its own aggregate column, restricted to
 * the rows of its filter with the {@code -If} combinators, and a {@code countIf} column of the rows behind it. The
 * statements read nothing the answer does not need: the metric's kinds and unit and the types of the group-by keys
 * come from a {@link MetricShapeSql#shape} statement whose answer is cached.
 *
 * <p>Every statement reads the table of its selection's {@link Tier} and decodes its own columns by name
 * ({@link Statement}): {@link #series} bucket, [is_other], g0..gN, then per member i value_i and events_i (the stored
 * rows behind the value); {@link #ranking} g0..gN, total.
 */
public final class TimeseriesSql {

  private TimeseriesSql() {}

  /** One row of {@link #series}: a bucket and group, and per member its value (null: none) and stored events. */
  public record SeriesRow(
      long bucket, boolean other, List<String> group, List<Double> values, List<Long> events) {}

  /**
   * Values per bucket and group. With {@code keptGroups}, groups outside that list are folded into one row per
   * bucket with is_other = 1 (the top-N's "other" series). A member's events_i counts the rows of its filter: 0 where
   * the row is another member's only.
   */
  public static Statement<SeriesRow> series(Selection s, List<List<String>> keptGroups) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    bucketAndGroups(s, keptGroups, select, groupBy);
    for (int i = 0; i < s.members().size(); i++) {
      String condition = s.condition(i);
      select.add(
          s.members().get(i).aggregate().sqlWhere(s.intervalSeconds(), condition)
              + " AS value_"
              + i);
      select.add(
          (condition == null ? "count()" : "countIf(" + condition + ")") + " AS events_" + i);
    }
    String sql = grouped(s, select, groupBy) + "\nFORMAT JSONCompact";
    int members = s.members().size();
    return new Statement<>(
        sql,
        row -> {
          List<Double> values = new ArrayList<>(members);
          List<Long> events = new ArrayList<>(members);
          for (int i = 0; i < members; i++) {
            JsonNode value = row.get("value_" + i);
            values.add(value.isNull() ? null : value.asDouble());
            events.add(row.integer("events_" + i));
          }
          return new SeriesRow(
              row.integer("bucket"),
              keptGroups != null && row.flag("is_other"),
              groups(row, s),
              values,
              events);
        });
  }

  /** The g0..gN columns of a row of {@link #series} or {@link #ranking}, as text. */
  public static List<String> groups(Row row, Selection s) {
    return IntStream.range(0, s.groupBy().size()).mapToObj(i -> row.text("g" + i)).toList();
  }

  /**
   * The leading columns of a statement by bucket and group, added to its SELECT and GROUP BY lists: bucket,
   * [is_other], g0..gN. With {@code keptGroups}, groups outside that list are folded into one group per bucket
   * with is_other = 1 and empty values.
   */
  public static void bucketAndGroups(
      Selection s, List<List<String>> keptGroups, List<String> select, List<String> groupBy) {
    // One bucket as long as the range (totals) starts with the range, which need not be a multiple
    // of its length.
    select.add(
        (s.intervalSeconds() == s.range().seconds()
                ? Sql.integer(s.range().start())
                : "intDiv(toUInt32(timestamp), "
                    + s.intervalSeconds()
                    + ") * "
                    + s.intervalSeconds())
            + " AS bucket");
    groupBy.add("bucket");
    List<String> keys = groupExpressions(s.groupBy());
    if (keptGroups != null) {
      select.add(notIn(keys, keptGroups) + " AS is_other");
      groupBy.add("is_other");
    }
    for (int i = 0; i < keys.size(); i++) {
      select.add(
          (keptGroups == null ? keys.get(i) : "if(is_other, '', " + keys.get(i) + ")")
              + " AS g"
              + i);
      groupBy.add("g" + i);
    }
  }

  /**
   * Groups of a one-member selection ranked by its aggregate over the whole range; one row more than the limit
   * says whether any remain.
   */
  public static Statement<List<String>> ranking(Selection s, int limit, boolean ascending) {
    List<String> keys = groupExpressions(s.groupBy());
    List<String> aliases = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      select.add(keys.get(i) + " AS g" + i);
      aliases.add("g" + i);
    }
    select.add(s.members().get(0).aggregate().sql(s.range().seconds()) + " AS total");
    return new Statement<>(
        grouped(s, select, aliases)
            + "\n"
            + "ORDER BY total "
            + (ascending ? "ASC" : "DESC")
            + ", "
            + String.join(", ", aliases)
            + "\n"
            + "LIMIT "
            + (limit + 1)
            + "\n"
            + "FORMAT JSONCompact",
        row -> groups(row, s));
  }

  /** SELECT … FROM the selection's tier WHERE {@link #where} GROUP BY …, a clause a line. */
  public static String grouped(Selection s, List<String> select, List<String> groupBy) {
    return "SELECT "
        + String.join(", ", select)
        + "\nFROM "
        + s.tier().table()
        + "\nWHERE "
        + where(s)
        + "\nGROUP BY "
        + String.join(", ", groupBy);
  }

  /** The selection's projects, metric and range, and the rows its members' filters select. */
  public static String where(Selection s) {
    String where = range(s.projects(), s.metric(), s.range());
    String filter = s.filter();
    return filter == null ? where : where + " AND " + filter;
  }

  /** The primary-key range: the projects' rows of the metric in the time range. */
  static String range(List<Long> projects, String metric, TimeRange range) {
    return "project_id IN "
        + Sql.integers(projects)
        + " AND metric_name = "
        + Sql.string(metric)
        + " AND timestamp >= "
        + Sql.dateTime(range.start())
        + " AND timestamp < "
        + Sql.dateTime(range.end());
  }

  private static List<String> groupExpressions(List<Grouping> groupBy) {
    return groupBy.stream().map(g -> AttributeType.anyValueAsText(g.key(), g.types())).toList();
  }

  private static String notIn(List<String> keys, List<List<String>> kept) {
    if (keys.size() == 1) {
      return keys.get(0) + " NOT IN " + Sql.strings(kept.stream().map(g -> g.get(0)).toList());
    }
    return keys.stream().collect(Collectors.joining(", ", "(", ")"))
        + " NOT IN "
        + kept.stream().map(Sql::strings).collect(Collectors.joining(", ", "(", ")"));
  }
}
