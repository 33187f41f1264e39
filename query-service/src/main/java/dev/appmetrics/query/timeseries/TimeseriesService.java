package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedEquation;
import dev.appmetrics.query.timeseries.MetricShapes.Shape;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import dev.appmetrics.query.timeseries.TimeseriesResponse.Series;
import dev.appmetrics.query.timeseries.TimeseriesSql.Columns;
import dev.appmetrics.query.timeseries.TimeseriesSql.Grouping;
import dev.appmetrics.query.timeseries.TimeseriesSql.Member;
import dev.appmetrics.query.timeseries.TimeseriesSql.Selection;
import io.smallrye.mutiny.tuples.Tuple2;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the queries of a timeseries request in parallel (queries of one metric and groupBy share one statement, a
 * top-N query runs its ranking first), aligns their rows into series over the same buckets, and evaluates
 * equations over series matched by group, in Java: per SigNoz's experience a JOIN in ClickHouse is slower, and
 * 18.16's JOINs are weaker still.
 */
@ApplicationScoped
public class TimeseriesService {

  private static final String SENDER = "query-timeseries";

  private final ClickHouseReader reader;
  private final MetricShapes metricShapes;
  private final ProjectAccess access;
  private final QueryConfig config;

  public TimeseriesService(ClickHouseReader reader, MetricShapes metricShapes, ProjectAccess access,
      QueryConfig config) {
    this.reader = reader;
    this.metricShapes = metricShapes;
    this.access = access;
    this.config = config;
  }

  /** A group of a series: attribute values by key, or the folded rest of a top-N. */
  record GroupKey(Map<String, String> group, boolean other) {}

  /** One query's answer: values per group, in display order, over the plan's buckets. */
  record QueryResult(PlannedQuery query, String unit, Map<GroupKey, Double[]> current, Map<GroupKey, Double[]> previous) {}

  /** The ranked top groups, and whether more groups exist than the limit. */
  private record Ranking(List<List<String>> top, boolean more) {}

  public Uni<TimeseriesResponse> query(Caller caller, TimeseriesRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    List<Long> projects = access.require(caller, request.projects());
    TimeRange requested = TimeRange.resolve(request.start(), request.end(), request.period(), Instant.now(),
        config.maxRange().toSeconds());
    TimeseriesPlan plan = TimeseriesPlan.of(request, requested, config.maxPoints(), config.maxRange().toSeconds());
    return shapes(plan, projects).flatMap(shapes -> {
      for (int i = 0; i < plan.queries().size(); i++) {
        checkKinds(shapes.get(plan.queries().get(i).metric()), plan.queries().get(i), i);
      }
      // A query with a top-N runs alone (its ranking first); the others share statements (TimeseriesPlan).
      List<Uni<List<QueryResult>>> runs = new ArrayList<>();
      plan.queries().stream().filter(q -> q.limit() != null).forEach(q ->
          runs.add(runRanked(plan, selection(plan, projects, shapes, List.of(q)), q, unit(shapes, q)).map(List::of)));
      plan.sharedStatements().forEach(queries -> runs.add(runShared(plan, projects, shapes, queries)));
      return Uni.combine().all().unis(runs).with(answers -> {
        Map<String, QueryResult> byLabel = new HashMap<>();
        answers.forEach(answer -> ((List<?>) answer).forEach(r -> byLabel.put(((QueryResult) r).query().label(),
            (QueryResult) r)));
        return assemble(plan, plan.queries().stream().map(q -> byLabel.get(q.label())).toList(), request.equations());
      });
    });
  }

  /** The shape of every metric the queries read, with its group-by keys, over every range the statements read. */
  private Uni<Map<String, Shape>> shapes(TimeseriesPlan plan, List<Long> projects) {
    TimeRange read = plan.compare() ? new TimeRange(plan.range().previous().start(), plan.range().end()) : plan.range();
    Map<String, Set<String>> keys = new TreeMap<>();
    plan.queries().forEach(q -> keys.computeIfAbsent(q.metric(), m -> new TreeSet<>()).addAll(q.groupBy()));
    List<String> metrics = List.copyOf(keys.keySet());
    List<Uni<Shape>> lookups = metrics.stream()
        .map(m -> metricShapes.of(new MetricShapes.Lookup(projects, m, List.copyOf(keys.get(m)), read))).toList();
    return Uni.combine().all().unis(lookups).with(found -> {
      Map<String, Shape> shapes = new HashMap<>();
      for (int i = 0; i < metrics.size(); i++) {
        shapes.put(metrics.get(i), (Shape) found.get(i));
      }
      return shapes;
    });
  }

  /** One statement answering these queries, which all read the same metric with the same groupBy. */
  private static Selection selection(TimeseriesPlan plan, List<Long> projects, Map<String, Shape> shapes,
      List<PlannedQuery> queries) {
    PlannedQuery first = queries.get(0);
    Shape shape = shapes.get(first.metric());
    List<Grouping> groupBy = first.groupBy().stream().map(key -> new Grouping(key, shape.types().get(key))).toList();
    List<Member> members = queries.stream().map(q -> new Member(q.aggregate(), q.filter())).toList();
    return new Selection(projects, first.metric(), groupBy, plan.range(), plan.intervalSeconds(), members);
  }

  /** Counts and rates have no unit; every other aggregate has its metric's. */
  private static String unit(Map<String, Shape> shapes, PlannedQuery q) {
    return q.aggregate().keepsUnit() ? shapes.get(q.metric()).unit() : null;
  }

  private Uni<List<QueryResult>> runShared(TimeseriesPlan plan, List<Long> projects, Map<String, Shape> shapes,
      List<PlannedQuery> queries) {
    Selection selection = selection(plan, projects, shapes, queries);
    return seriesRows(plan, selection, null).map(rows -> {
      List<QueryResult> results = new ArrayList<>();
      for (int m = 0; m < queries.size(); m++) {
        results.add(result(plan, queries.get(m), new Ranking(null, false), selection, m, false, rows,
            unit(shapes, queries.get(m))));
      }
      return results;
    });
  }

  private Uni<QueryResult> runRanked(TimeseriesPlan plan, Selection selection, PlannedQuery q, String unit) {
    return reader.rows(TimeseriesSql.ranking(selection, q.limit(), q.ascending()), SENDER)
        .map(rows -> rank(rows, q))
        .flatMap(ranked -> {
          List<List<String>> kept = ranked.more() ? ranked.top() : null;
          return seriesRows(plan, selection, kept)
              .map(rows -> result(plan, q, ranked, selection, 0, kept != null, rows, unit));
        });
  }

  /** The rows of the current range and, with compare, of the previous one. */
  private Uni<Tuple2<List<JsonNode>, List<JsonNode>>> seriesRows(TimeseriesPlan plan, Selection selection,
      List<List<String>> kept) {
    Uni<List<JsonNode>> current = reader.rows(TimeseriesSql.series(selection, kept), SENDER);
    Uni<List<JsonNode>> previous = plan.compare()
        ? reader.rows(TimeseriesSql.series(selection.shiftedTo(plan.range().previous()), kept), SENDER)
        : Uni.createFrom().item(List.of());
    return Uni.combine().all().unis(current, previous).asTuple();
  }

  private static Ranking rank(List<JsonNode> rows, PlannedQuery q) {
    List<List<String>> top = new ArrayList<>();
    for (JsonNode row : rows.subList(0, Math.min(q.limit(), rows.size()))) {
      List<String> group = new ArrayList<>();
      for (int i = 0; i < q.groupBy().size(); i++) {
        group.add(row.get(i).asText());
      }
      top.add(group);
    }
    return new Ranking(top, rows.size() > q.limit());
  }

  /** Member {@code member}'s series out of the statement's rows; rows where it had no events are not its own. */
  private QueryResult result(TimeseriesPlan plan, PlannedQuery q, Ranking ranked, Selection selection, int member,
      boolean folded, Tuple2<List<JsonNode>, List<JsonNode>> rows, String unit) {
    int buckets = buckets(plan);
    Columns columns = TimeseriesSql.columns(selection, folded, member);
    Map<GroupKey, Double[]> current = new HashMap<>();
    rows.getItem1().stream().filter(row -> hasRows(row, columns))
        .forEach(row -> put(current, row, plan, plan.range().start(), q, folded, columns, buckets));
    Map<GroupKey, Double[]> ordered = new LinkedHashMap<>();
    if (q.groupBy().isEmpty()) {
      ordered.put(new GroupKey(Map.of(), false), current.getOrDefault(new GroupKey(Map.of(), false), empty(q, buckets)));
    } else if (ranked.top() != null) {
      for (List<String> group : ranked.top()) {
        GroupKey key = new GroupKey(groupMap(q.groupBy(), group), false);
        if (current.containsKey(key)) {
          ordered.put(key, current.get(key));
        }
      }
      current.entrySet().stream().filter(e -> e.getKey().other()).forEach(e -> ordered.put(e.getKey(), e.getValue()));
    } else {
      current.entrySet().stream()
          .sorted(Comparator.comparing(e -> String.join("\u0000", e.getKey().group().values())))
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    }
    Map<GroupKey, Double[]> previous = null;
    if (plan.compare()) {
      Map<GroupKey, Double[]> shifted = new HashMap<>();
      rows.getItem2().stream().filter(row -> hasRows(row, columns))
          .forEach(row -> put(shifted, row, plan, plan.range().previous().start(), q, folded, columns, buckets));
      previous = new LinkedHashMap<>();
      for (GroupKey key : ordered.keySet()) {
        previous.put(key, shifted.getOrDefault(key, empty(q, buckets)));
      }
    }
    return new QueryResult(q, unit, ordered, previous);
  }

  private static boolean hasRows(JsonNode row, Columns columns) {
    return columns.rows() < 0 || row.get(columns.rows()).asLong() > 0;
  }

  private static void put(Map<GroupKey, Double[]> into, JsonNode row, TimeseriesPlan plan, long start, PlannedQuery q,
      boolean folded, Columns columns, int buckets) {
    int column = 1;
    boolean other = folded && row.get(column++).asInt() == 1;
    List<String> group = new ArrayList<>();
    for (int i = 0; i < q.groupBy().size(); i++) {
      group.add(row.get(column++).asText());
    }
    GroupKey key = new GroupKey(other ? Map.of() : groupMap(q.groupBy(), group), other);
    int bucket = (int) ((row.get(0).asLong() - start) / plan.intervalSeconds());
    JsonNode value = row.get(columns.value());
    into.computeIfAbsent(key, k -> empty(q, buckets))[bucket] = value.isNull() ? null : value.asDouble();
  }

  private static Map<String, String> groupMap(List<String> keys, List<String> values) {
    Map<String, String> group = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      group.put(keys.get(i), values.get(i));
    }
    return group;
  }

  private static Double[] empty(PlannedQuery q, int buckets) {
    Double[] values = new Double[buckets];
    Arrays.fill(values, q.aggregate().zeroWhenEmpty() ? 0.0 : null);
    return values;
  }

  /** Every kind the metric's events have must take the aggregate. */
  private static void checkKinds(Shape shape, PlannedQuery q, int index) {
    shape.kinds().stream().map(MetricKind::parse).flatMap(Optional::stream)
        .filter(kind -> !q.aggregate().appliesTo(kind)).findFirst().ifPresent(kind -> {
          throw ApiException.badRequest("queries[" + index + "].aggregate '" + q.aggregate().wireName()
              + "' does not apply to the " + kind.wireName() + " metric '" + q.metric() + "'; it takes "
              + List.of(Aggregate.values()).stream().filter(a -> a.appliesTo(kind)).map(Aggregate::wireName).toList());
        });
  }

  private static int buckets(TimeseriesPlan plan) {
    return (int) (plan.range().seconds() / plan.intervalSeconds());
  }

  private TimeseriesResponse assemble(TimeseriesPlan plan, List<QueryResult> results,
      List<TimeseriesRequest.Equation> requestOrder) {
    int buckets = buckets(plan);
    Map<String, Map<GroupKey, Double[]>> current = new HashMap<>();
    Map<String, Map<GroupKey, Double[]>> previous = new HashMap<>();
    Map<String, Double> fill = new HashMap<>();
    List<Series> series = new ArrayList<>();
    for (QueryResult r : results) {
      PlannedQuery q = r.query();
      current.put(q.label(), r.current());
      previous.put(q.label(), r.previous());
      fill.put(q.label(), q.aggregate().zeroWhenEmpty() ? 0.0 : null);
      r.current().forEach((key, values) -> series.add(new Series(q.label(), "query", q.metric(),
          q.aggregate().wireName(), null, r.unit(), key.group(), key.other(), Arrays.asList(values),
          plan.compare() ? Arrays.asList(r.previous().get(key)) : null)));
    }
    Map<String, List<Series>> equationSeries = new HashMap<>();
    for (PlannedEquation e : plan.equations()) {
      Map<GroupKey, Double[]> values = evaluate(e, current, fill, buckets);
      current.put(e.label(), values);
      fill.put(e.label(), null);
      Map<GroupKey, Double[]> before = plan.compare() ? evaluate(e, previous, fill, buckets) : null;
      previous.put(e.label(), before);
      List<Series> lines = new ArrayList<>();
      values.forEach((key, v) -> lines.add(new Series(e.label(), "equation", null, null, e.expression(), null,
          key.group(), key.other(), Arrays.asList(v), before == null ? null : Arrays.asList(before.get(key)))));
      equationSeries.put(e.label(), lines);
    }
    if (requestOrder != null) {
      requestOrder.forEach(e -> series.addAll(equationSeries.get(e.label())));
    }
    List<Long> timestamps = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      timestamps.add((plan.range().start() + i * plan.intervalSeconds()) * 1000);
    }
    return new TimeseriesResponse(Instant.ofEpochSecond(plan.range().start()).toString(),
        Instant.ofEpochSecond(plan.range().end()).toString(), plan.intervalSeconds(), timestamps, series);
  }

  /**
   * Per group present in any operand, per bucket. An operand without that group reads as an empty bucket of its
   * aggregate (0 for counts and sums, null otherwise).
   */
  private static Map<GroupKey, Double[]> evaluate(PlannedEquation e, Map<String, Map<GroupKey, Double[]>> series,
      Map<String, Double> fill, int buckets) {
    Set<String> used = new LinkedHashSet<>();
    e.tree().collectLabels(used);
    Set<GroupKey> groups = new LinkedHashSet<>();
    used.forEach(label -> groups.addAll(series.get(label).keySet()));
    if (groups.isEmpty()) {
      groups.add(new GroupKey(Map.of(), false));
    }
    Map<GroupKey, Double[]> out = new LinkedHashMap<>();
    for (GroupKey group : groups) {
      Double[] values = new Double[buckets];
      for (int i = 0; i < buckets; i++) {
        int bucket = i;
        values[i] = e.tree().evaluate(label -> {
          Double[] operand = series.get(label).get(group);
          return operand == null ? fill.get(label) : operand[bucket];
        });
      }
      out.put(group, values);
    }
    return out;
  }
}
