package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.timeseries.SeriesAssembly.buckets;
import static dev.appmetrics.query.timeseries.SeriesAssembly.empty;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.timeseries.SeriesAssembly.GroupKey;
import dev.appmetrics.query.timeseries.SeriesAssembly.Line;
import dev.appmetrics.query.timeseries.SeriesAssembly.QueryResult;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import dev.appmetrics.query.timeseries.TimeseriesSql.SeriesRow;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the statements of a prepared timeseries request ({@link TimeseriesPlanner}) in parallel: queries of one
 * metric and groupBy share statements ({@link TimeseriesPlan#sharedStatements}), a top-N query runs its ranking
 * first. Their rows become each query's values per group over the same buckets, which {@link SeriesAssembly} turns
 * into the answer.
 */
@ApplicationScoped
public class TimeseriesService {

  private static final String SENDER = "query-timeseries";

  private final ClickHouseReader reader;
  private final TimeseriesPlanner planner;

  public TimeseriesService(ClickHouseReader reader, TimeseriesPlanner planner) {
    this.reader = reader;
    this.planner = planner;
  }

  public Uni<TimeseriesResponse> query(Caller caller, TimeseriesRequest request) {
    return reader.read(
        caller,
        statements ->
            planner
                .prepare(caller, request, statements)
                .flatMap(
                    prepared -> {
                      Uni<TimeseriesResponse> series =
                          run(prepared, statements)
                              .map(
                                  results ->
                                      SeriesAssembly.assemble(
                                          prepared, results, request.equations()));
                      if (!Boolean.TRUE.equals(request.totals())) {
                        return series;
                      }
                      PreparedRequest whole = prepared.whole();
                      Uni<TimeseriesResponse> totals =
                          run(whole, statements)
                              .map(
                                  results ->
                                      SeriesAssembly.assemble(whole, results, request.equations()));
                      return Uni.combine().all().unis(series, totals).with(Totals::attach);
                    }));
  }

  /** Every query's result, in the plan's order. */
  private Uni<List<QueryResult>> run(PreparedRequest prepared, Statements statements) {
    TimeseriesPlan plan = prepared.plan();
    List<Uni<List<QueryResult>>> runs = new ArrayList<>();
    plan.queries().stream()
        .filter(q -> q.limit() != null)
        .forEach(q -> runs.add(runRanked(prepared, statements, q).map(List::of)));
    plan.sharedStatements().forEach(queries -> runs.add(runShared(prepared, statements, queries)));
    return Uni.combine()
        .all()
        .unis(runs)
        .with(
            answers -> {
              Map<String, QueryResult> byLabel = new HashMap<>();
              answers.forEach(
                  answer ->
                      ((List<?>) answer)
                          .forEach(
                              r ->
                                  byLabel.put(((QueryResult) r).query().label(), (QueryResult) r)));
              return plan.queries().stream().map(q -> byLabel.get(q.label())).toList();
            });
  }

  private Uni<List<QueryResult>> runShared(
      PreparedRequest prepared, Statements statements, List<PlannedQuery> queries) {
    Selection selection = prepared.selection(queries);
    return seriesRows(prepared.plan(), statements, selection, null)
        .map(
            rows -> {
              List<QueryResult> results = new ArrayList<>();
              for (int m = 0; m < queries.size(); m++) {
                results.add(
                    result(
                        prepared.plan(),
                        queries.get(m),
                        Ranking.NONE,
                        m,
                        rows,
                        prepared.unit(queries.get(m))));
              }
              return results;
            });
  }

  private Uni<QueryResult> runRanked(
      PreparedRequest prepared, Statements statements, PlannedQuery q) {
    Selection selection = prepared.selection(List.of(q));
    return statements
        .run(TimeseriesSql.ranking(selection, q.limit(), q.ascending()), SENDER)
        .map(groups -> Ranking.of(groups, q.limit()))
        .flatMap(
            ranked ->
                seriesRows(prepared.plan(), statements, selection, ranked.kept())
                    .map(rows -> result(prepared.plan(), q, ranked, 0, rows, prepared.unit(q))));
  }

  /** The rows of the current range and, with compare, of the previous one. */
  private static Uni<Tuple2<List<SeriesRow>, List<SeriesRow>>> seriesRows(
      TimeseriesPlan plan, Statements statements, Selection selection, List<List<String>> kept) {
    Uni<List<SeriesRow>> current = statements.run(TimeseriesSql.series(selection, kept), SENDER);
    Uni<List<SeriesRow>> previous =
        plan.compare()
            ? statements.run(
                TimeseriesSql.series(selection.shiftedTo(plan.range().previous()), kept), SENDER)
            : Uni.createFrom().item(List.of());
    return Uni.combine().all().unis(current, previous).asTuple();
  }

  /** Member {@code member}'s series out of the statement's rows; rows where it had no events are not its own. */
  private QueryResult result(
      TimeseriesPlan plan,
      PlannedQuery q,
      Ranking ranked,
      int member,
      Tuple2<List<SeriesRow>, List<SeriesRow>> rows,
      String unit) {
    int buckets = buckets(plan);
    Map<GroupKey, Line> current = new HashMap<>();
    rows.getItem1().stream()
        .filter(row -> row.events().get(member) > 0)
        .forEach(row -> put(current, row, member, plan, plan.range().start(), q, buckets));
    Map<GroupKey, Line> ordered = new LinkedHashMap<>();
    if (q.groupBy().isEmpty()) {
      GroupKey all = new GroupKey(Map.of(), false);
      ordered.put(all, current.getOrDefault(all, empty(q, buckets)));
    } else if (ranked.top() != null) {
      for (List<String> group : ranked.top()) {
        GroupKey key = new GroupKey(groupMap(q.groupBy(), group), false);
        if (current.containsKey(key)) {
          ordered.put(key, current.get(key));
        }
      }
      current.entrySet().stream()
          .filter(e -> e.getKey().other())
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    } else {
      current.entrySet().stream()
          .sorted(Comparator.comparing(e -> String.join("\u0000", e.getKey().group().values())))
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    }
    Map<GroupKey, Line> previous = null;
    if (plan.compare()) {
      Map<GroupKey, Line> shifted = new HashMap<>();
      rows.getItem2().stream()
          .filter(row -> row.events().get(member) > 0)
          .forEach(
              row -> put(shifted, row, member, plan, plan.range().previous().start(), q, buckets));
      previous = new LinkedHashMap<>();
      for (GroupKey key : ordered.keySet()) {
        previous.put(key, shifted.getOrDefault(key, empty(q, buckets)));
      }
    }
    return new QueryResult(q, unit, ordered, previous);
  }

  private static void put(
      Map<GroupKey, Line> into,
      SeriesRow row,
      int member,
      TimeseriesPlan plan,
      long start,
      PlannedQuery q,
      int buckets) {
    GroupKey key =
        new GroupKey(row.other() ? Map.of() : groupMap(q.groupBy(), row.group()), row.other());
    int bucket = (int) ((row.bucket() - start) / plan.intervalSeconds());
    Line line = into.computeIfAbsent(key, k -> empty(q, buckets));
    line.values()[bucket] = row.values().get(member);
    line.events()[bucket] = row.events().get(member);
  }

  private static Map<String, String> groupMap(List<String> keys, List<String> values) {
    Map<String, String> group = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      group.put(keys.get(i), values.get(i));
    }
    return group;
  }
}
