package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterSql;
import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.time.TimeRange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one statement of {@link TimeseriesSql} reads, and the queries ("members") it answers: each member's rows are
 * the ones its filter selects among those read.
 */
public record Selection(
    Tier tier,
    List<Long> projects,
    String metric,
    List<Grouping> groupBy,
    TimeRange range,
    long intervalSeconds,
    List<Member> members) {

  /** A group-by key and the attribute types it has in the rows read (all four when unknown). */
  public record Grouping(String key, Set<AttributeType> types) {}

  /** One query's share of a statement: its aggregate over the rows its filter selects. */
  public record Member(Aggregate aggregate, Filter filter) {}

  Selection shiftedTo(TimeRange other) {
    return new Selection(tier, projects, metric, groupBy, other, intervalSeconds, members);
  }

  /**
   * The condition restricting member i's aggregate, or null when the member's rows are all the rows the
   * statement reads (its filter is the WHERE clause's, or it has none and so the WHERE clause has none).
   */
  String condition(int member) {
    Filter filter = members.get(member).filter();
    return distinctFilters().size() == 1 || filter instanceof Filter.All
        ? null
        : FilterSql.condition(filter);
  }

  /** The rows read: the members' common filter, or any member's filter, or all (null) when a member has none. */
  String filter() {
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
