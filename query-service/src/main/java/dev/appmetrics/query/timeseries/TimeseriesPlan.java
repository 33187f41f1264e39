package dev.appmetrics.query.timeseries;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.equation.Expression;
import dev.appmetrics.query.filter.Filter;
import dev.appmetrics.query.filter.FilterJson;
import dev.appmetrics.query.filter.FilterLimits;
import dev.appmetrics.query.filter.FilterLimits.Size;
import dev.appmetrics.query.time.TimeRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated timeseries request: every field checked, filters and equations parsed, equations ordered so each
 * comes after the equations it uses ({@link PlannedEquations}). Every error is a 400 naming the field (and the
 * position inside it).
 */
public record TimeseriesPlan(
    List<Long> projects,
    TimeRange range,
    long intervalSeconds,
    List<PlannedQuery> queries,
    List<PlannedEquation> equations,
    boolean compare) {

  public static final int MAX_METRIC_LENGTH = 200;
  public static final int MAX_GROUP_BY = 5;
  public static final int MAX_LIMIT = 1000;
  private static final Pattern QUERY_LABEL = Pattern.compile("[A-Z]");

  /** Candidate bucket widths; the default is the smallest giving at most 300 points. */
  private static final long[] INTERVALS = {
    10, 30, 60, 300, 600, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400
  };

  private static final int TARGET_POINTS = 300;

  public record PlannedQuery(
      String label,
      String metric,
      Aggregate aggregate,
      Filter filter,
      List<String> groupBy,
      Integer limit,
      boolean ascending) {}

  public record PlannedEquation(
      String label, String expression, Expression tree, List<String> groupBy) {}

  /** The plan of a request over the requested range; an explicit interval gives at most maxPoints buckets. */
  public static TimeseriesPlan of(
      TimeseriesRequest request, TimeRange requested, int maxPoints, long maxRangeSeconds) {
    long interval = interval(request.interval(), requested, maxPoints, maxRangeSeconds);
    TimeRange range = requested.alignedTo(interval);
    List<PlannedQuery> queries = queries(request.queries());
    List<PlannedEquation> equations = PlannedEquations.of(request.equations(), queries);
    if (request.compare() != null && !request.compare().equals("previous_period")) {
      throw ApiException.badRequest("compare", "'compare' must be \"previous_period\" when given");
    }
    return new TimeseriesPlan(
        request.projects(), range, interval, queries, equations, request.compare() != null);
  }

  /**
   * The queries without a top-N, as statements: queries reading the same metric with the same groupBy share one
   * scan, the first one their filter fits in: the different filters of a statement together stay within one
   * filter's limits. A filter appears in a shared
   * statement up to four times (the WHERE clause, the aggregate, avg's divisor, the row count), so the statement's
   * syntax tree stays within what ClickHouse parses.
   */
  public List<List<PlannedQuery>> sharedStatements() {
    Map<List<Object>, List<List<PlannedQuery>>> statements = new LinkedHashMap<>();
    for (PlannedQuery q : queries) {
      if (q.limit() == null) {
        List<List<PlannedQuery>> scans =
            statements.computeIfAbsent(List.of(q.metric(), q.groupBy()), key -> new ArrayList<>());
        scans.stream()
            .filter(scan -> fitsWith(scan, q))
            .findFirst()
            .orElseGet(
                () -> {
                  scans.add(new ArrayList<>());
                  return scans.get(scans.size() - 1);
                })
            .add(q);
      }
    }
    return statements.values().stream().flatMap(List::stream).toList();
  }

  private static boolean fitsWith(List<PlannedQuery> statement, PlannedQuery q) {
    Set<Filter> filters = new LinkedHashSet<>();
    statement.forEach(member -> filters.add(member.filter()));
    filters.add(q.filter());
    return filters.stream().map(Size::of).reduce(Size.NONE, Size::plus).excess() == null;
  }

  /** The same plan with one bucket as long as the range: what totals are computed from. */
  public TimeseriesPlan whole() {
    return new TimeseriesPlan(projects, range, range.seconds(), queries, equations, compare);
  }

  public static long interval(String text, TimeRange range, int maxPoints, long maxRangeSeconds) {
    if (text == null) {
      for (long candidate : INTERVALS) {
        if (range.seconds() / candidate <= TARGET_POINTS) {
          return candidate;
        }
      }
      return INTERVALS[INTERVALS.length - 1];
    }
    long seconds = TimeRange.seconds("interval", text);
    // A bucket wider than any range would widen the range past the dates ClickHouse can hold.
    if (seconds > maxRangeSeconds) {
      throw ApiException.badRequest(
          "interval", "'interval' must be at most " + maxRangeSeconds / 86_400 + " days");
    }
    if (range.alignedTo(seconds).seconds() / seconds > maxPoints) {
      throw ApiException.badRequest(
          "interval",
          "'interval' " + text + " gives more than " + maxPoints + " points for this range");
    }
    return seconds;
  }

  private static List<PlannedQuery> queries(List<TimeseriesRequest.Query> queries) {
    if (queries == null || queries.isEmpty() || queries.size() > 26) {
      throw ApiException.badRequest("queries", "'queries' must hold 1 to 26 queries");
    }
    List<PlannedQuery> planned = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < queries.size(); i++) {
      TimeseriesRequest.Query q = queries.get(i);
      String field = "queries[" + i + "]";
      if (q == null) {
        throw ApiException.badRequest(field, field + " must be an object");
      }
      if (q.label() == null
          || !QUERY_LABEL.matcher(q.label()).matches()
          || !labels.add(q.label())) {
        throw ApiException.badRequest(
            field + ".label", field + ".label must be a unique capital letter A..Z");
      }
      planned.add(query(q, field));
    }
    return planned;
  }

  /**
   * One query checked and planned, its errors naming {@code field} (e.g. "queries[0]"); the label is the caller's
   * to check. The heatmap plans its query here too, so both read filters and group-bys by the same rules.
   */
  public static PlannedQuery query(TimeseriesRequest.Query q, String field) {
    if (q.metric() == null || q.metric().isBlank() || q.metric().length() > MAX_METRIC_LENGTH) {
      throw ApiException.badRequest(
          field + ".metric",
          field + ".metric must be a metric name of 1 to " + MAX_METRIC_LENGTH + " characters");
    }
    Aggregate aggregate =
        Aggregate.parse(q.aggregate())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        field + ".aggregate",
                        field
                            + ".aggregate must be one of "
                            + List.of(Aggregate.values()).stream()
                                .map(Aggregate::wireName)
                                .toList()));
    List<String> groupBy = q.groupBy() == null ? List.of() : q.groupBy();
    if (groupBy.size() > MAX_GROUP_BY
        || new HashSet<>(groupBy).size() != groupBy.size()
        || groupBy.stream()
            .anyMatch(k -> k == null || k.isEmpty() || k.length() > FilterLimits.MAX_KEY_LENGTH)) {
      throw ApiException.badRequest(
          field + ".groupBy",
          field
              + ".groupBy must hold at most "
              + MAX_GROUP_BY
              + " distinct attribute keys of 1 to "
              + FilterLimits.MAX_KEY_LENGTH
              + " characters");
    }
    if (q.limit() != null && (q.limit() < 1 || q.limit() > MAX_LIMIT)) {
      throw ApiException.badRequest(
          field + ".limit", field + ".limit must be between 1 and " + MAX_LIMIT);
    }
    if (q.order() != null && !q.order().equals("asc") && !q.order().equals("desc")) {
      throw ApiException.badRequest(field + ".order", field + ".order must be \"asc\" or \"desc\"");
    }
    return new PlannedQuery(
        q.label(),
        q.metric(),
        aggregate,
        FilterJson.fromRequest(q.filter(), field + ".filter"),
        List.copyOf(groupBy),
        groupBy.isEmpty() ? null : q.limit(),
        "asc".equals(q.order()));
  }
}
