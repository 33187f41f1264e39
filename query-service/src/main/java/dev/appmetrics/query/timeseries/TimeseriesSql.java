package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Sql;
import dev.appmetrics.query.time.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL of the hot query, all of it in this file: one metric of some projects over a time range, bucketed
 * with {@code intDiv} on the Unix time (time-zone free, and 18.16 has no toStartOfInterval), grouped by
 * attributes. The WHERE clause is a primary-key range on (project_id, metric_name, timestamp).
 *
 * <p>Queries of one request that read the same metric with the same group-by share one statement, so the data
 * is scanned once: each query ("member") gets its own aggregate column, restricted to the rows of its filter
 * with the {@code -If} combinators, and where it matters a {@code countIf} column that says whether it had any
 * rows there. The statements read nothing the answer does not need: the metric's kinds and unit and the types of
 * the group-by keys come from a {@link #shape} statement whose answer is cached.
 *
 * <p>Columns of {@link #series}: bucket, [is_other], g0..gN, then per member i: value_i and, when
 * {@link Selection#countsRows} says so, rows_i. Columns of {@link #ranking}: g0..gN, total. Columns of
 * {@link #shape}: events, kinds, unit, then per key one 0/1 per {@link AttributeType}.
 */
public final class TimeseriesSql {

  public static final String TABLE = "metric_events";

  private TimeseriesSql() {}

  /** A group-by key and the attribute types it has in the rows read (all four when unknown). */
  public record Grouping(String key, Set<AttributeType> types) {}

  /** One query's share of a statement: its aggregate over the rows its filter selects. */
  public record Member(Aggregate aggregate, Filter filter) {}

  /** What one statement reads, and the queries it answers. */
  public record Selection(List<Long> projects, String metric, List<Grouping> groupBy, TimeRange range,
      long intervalSeconds, List<Member> members) {

    Selection shiftedTo(TimeRange other) {
      return new Selection(projects, metric, groupBy, other, intervalSeconds, members);
    }

    /**
     * The condition restricting member i's aggregate, or null when the member's rows are all the rows the
     * statement reads (its filter is the WHERE clause's, or it has none and so the WHERE clause has none).
     */
    String condition(int member) {
      Filter filter = members.get(member).filter();
      return distinctFilters().size() == 1 || filter instanceof Filter.All ? null : FilterSql.condition(filter);
    }

    /**
     * Whether member i needs a column counting its rows: when its aggregate reads rows the other members share,
     * unless the query is ungrouped and its aggregate reads 0 when empty (there is one series whatever the rows,
     * and an empty bucket's sum or count is 0 anyway).
     */
    boolean countsRows(int member) {
      return condition(member) != null
          && (!groupBy.isEmpty() || !members.get(member).aggregate().zeroWhenEmpty());
    }

    /** The rows read: the members' common filter, or any member's filter, or all when a member has none. */
    private String filter() {
      Set<Filter> filters = distinctFilters();
      if (filters.stream().anyMatch(f -> f instanceof Filter.All)) {
        return null;
      }
      return filters.size() == 1
          ? FilterSql.condition(filters.iterator().next())
          : filters.stream().map(FilterSql::condition).collect(Collectors.joining(" OR ", "(", ")"));
    }

    private Set<Filter> distinctFilters() {
      Set<Filter> filters = new LinkedHashSet<>();
      members.forEach(m -> filters.add(m.filter()));
      return filters;
    }
  }

  /**
   * Values per bucket and group. With {@code keptGroups}, groups outside that list are folded into one row per
   * bucket with is_other = 1 (the top-N's "other" series).
   */
  public static String series(Selection s, List<List<String>> keptGroups) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    bucketAndGroups(s, keptGroups, select, groupBy);
    for (int i = 0; i < s.members().size(); i++) {
      String condition = s.condition(i);
      select.add(s.members().get(i).aggregate().sqlWhere(s.intervalSeconds(), condition) + " AS value_" + i);
      if (s.countsRows(i)) {
        select.add("countIf(" + condition + ") AS rows_" + i);
      }
    }
    return "SELECT " + String.join(", ", select) + "\n"
        + "FROM " + TABLE + "\n"
        + "WHERE " + where(s) + "\n"
        + "GROUP BY " + String.join(", ", groupBy) + "\n"
        + "FORMAT JSONCompact";
  }

  /**
   * The leading columns of a statement by bucket and group, added to its SELECT and GROUP BY lists: bucket,
   * [is_other], g0..gN. With {@code keptGroups}, groups outside that list are folded into one group per bucket
   * with is_other = 1 and empty values.
   */
  public static void bucketAndGroups(Selection s, List<List<String>> keptGroups, List<String> select,
      List<String> groupBy) {
    // One bucket as long as the range (totals) starts with the range, which need not be a multiple of its length.
    select.add((s.intervalSeconds() == s.range().seconds() ? Sql.integer(s.range().start())
        : "intDiv(toUInt32(timestamp), " + s.intervalSeconds() + ") * " + s.intervalSeconds()) + " AS bucket");
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
  }

  /**
   * Groups of a one-member selection ranked by its aggregate over the whole range; one row more than the limit
   * says whether any remain.
   */
  public static String ranking(Selection s, int limit, boolean ascending) {
    List<String> keys = groupExpressions(s.groupBy());
    List<String> aliases = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      select.add(keys.get(i) + " AS g" + i);
      aliases.add("g" + i);
    }
    select.add(s.members().get(0).aggregate().sql(s.range().seconds()) + " AS total");
    return "SELECT " + String.join(", ", select) + "\n"
        + "FROM " + TABLE + "\n"
        + "WHERE " + where(s) + "\n"
        + "GROUP BY " + String.join(", ", aliases) + "\n"
        + "ORDER BY total " + (ascending ? "ASC" : "DESC") + ", " + String.join(", ", aliases) + "\n"
        + "LIMIT " + (limit + 1) + "\n"
        + "FORMAT JSONCompact";
  }

  /**
   * A metric's shape over the range: whether it has events, its kinds, one non-empty unit, and for each key
   * whether each typed array holds it (four 0/1 columns per key, in {@link AttributeType}'s order). It reads the
   * kind and unit columns and the key arrays, once per cached lookup ({@link MetricShapes}).
   */
  public static String shape(List<Long> projects, String metric, List<String> keys, TimeRange range) {
    List<String> select = new ArrayList<>(List.of("count()", "groupUniqArray(toString(metric_kind))",
        "anyIf(unit, unit != '')"));
    for (String key : keys) {
      Stream.of(AttributeType.values()).forEach(type -> select.add("max(" + type.has(key) + ")"));
    }
    return "SELECT " + String.join(", ", select) + "\n"
        + "FROM " + TABLE + "\n"
        + "WHERE " + range(projects, metric, range) + "\n"
        + "FORMAT JSONCompact";
  }

  /** Where member i's answer sits in a row of {@link #series}: its value column and its rows column (or -1). */
  public record Columns(int value, int rows) {}

  public static Columns columns(Selection s, boolean folded, int member) {
    int column = 1 + s.groupBy().size() + (folded ? 1 : 0);
    for (int i = 0; i < member; i++) {
      column += s.countsRows(i) ? 2 : 1;
    }
    return new Columns(column, s.countsRows(member) ? column + 1 : -1);
  }

  /** The selection's projects, metric and range, and the rows its members' filters select. */
  public static String where(Selection s) {
    String where = range(s.projects(), s.metric(), s.range());
    String filter = s.filter();
    return filter == null ? where : where + " AND " + filter;
  }

  private static String range(List<Long> projects, String metric, TimeRange range) {
    return "project_id IN " + Sql.integers(projects)
        + " AND metric_name = " + Sql.string(metric)
        + " AND timestamp >= " + Sql.dateTime(range.start())
        + " AND timestamp < " + Sql.dateTime(range.end());
  }

  private static List<String> groupExpressions(List<Grouping> groupBy) {
    return groupBy.stream().map(g -> AttributeType.anyValueAsText(g.key(), g.types())).toList();
  }

  private static String notIn(List<String> keys, List<List<String>> kept) {
    if (keys.size() == 1) {
      return keys.get(0) + " NOT IN " + Sql.strings(kept.stream().map(g -> g.get(0)).toList());
    }
    return keys.stream().collect(Collectors.joining(", ", "(", ")")) + " NOT IN "
        + kept.stream().map(Sql::strings).collect(Collectors.joining(", ", "(", ")"));
  }
}
