package dev.appmetrics.query.timeseries;

import static dev.appmetrics.query.timeseries.SeriesAssembly.buckets;
import static dev.appmetrics.query.timeseries.SeriesAssembly.empty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.timeseries.SeriesAssembly.GroupKey;
import dev.appmetrics.query.timeseries.SeriesAssembly.QueryResult;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import dev.appmetrics.query.timeseries.TimeseriesSql.Columns;
import dev.appmetrics.query.timeseries.TimeseriesSql.Selection;
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
    return reader.read(caller, statements -> planner.prepare(caller, request, statements)
        .flatMap(prepared -> {
          Uni<TimeseriesResponse> series = run(prepared, statements)
              .map(results -> SeriesAssembly.assemble(prepared.plan(), results, request.equations()));
          if (!Boolean.TRUE.equals(request.totals())) {
            return series;
          }
          PreparedRequest whole = prepared.whole();
          Uni<TimeseriesResponse> totals = run(whole, statements)
              .map(results -> SeriesAssembly.assemble(whole.plan(), results, request.equations()));
          return Uni.combine().all().unis(series, totals).with(Totals::attach);
        }));
  }

  /** Every query's result, in the plan's order. */
  private Uni<List<QueryResult>> run(PreparedRequest prepared, Statements statements) {
    TimeseriesPlan plan = prepared.plan();
    List<Uni<List<QueryResult>>> runs = new ArrayList<>();
    plan.queries().stream().filter(q -> q.limit() != null)
        .forEach(q -> runs.add(runRanked(prepared, statements, q).map(List::of)));
    plan.sharedStatements().forEach(queries -> runs.add(runShared(prepared, statements, queries)));
    return Uni.combine().all().unis(runs).with(answers -> {
      Map<String, QueryResult> byLabel = new HashMap<>();
      answers.forEach(answer -> ((List<?>) answer).forEach(r -> byLabel.put(((QueryResult) r).query().label(),
          (QueryResult) r)));
      return plan.queries().stream().map(q -> byLabel.get(q.label())).toList();
    });
  }

  private Uni<List<QueryResult>> runShared(PreparedRequest prepared, Statements statements,
      List<PlannedQuery> queries) {
    Selection selection = prepared.selection(queries);
    return seriesRows(prepared.plan(), statements, selection, null).map(rows -> {
      List<QueryResult> results = new ArrayList<>();
      for (int m = 0; m < queries.size(); m++) {
        results.add(result(prepared.plan(), queries.get(m), Ranking.NONE, selection, m, false, rows,
            prepared.unit(queries.get(m))));
      }
      return results;
    });
  }

  private Uni<QueryResult> runRanked(PreparedRequest prepared, Statements statements, PlannedQuery q) {
    Selection selection = prepared.selection(List.of(q));
    return statements.rows(TimeseriesSql.ranking(selection, q.limit(), q.ascending()), SENDER)
        .map(rows -> Ranking.of(rows, q.limit(), q.groupBy().size()))
        .flatMap(ranked -> {
          List<List<String>> kept = ranked.kept();
          return seriesRows(prepared.plan(), statements, selection, kept)
              .map(rows -> result(prepared.plan(), q, ranked, selection, 0, kept != null, rows, prepared.unit(q)));
        });
  }

  /** The rows of the current range and, with compare, of the previous one. */
  private static Uni<Tuple2<List<JsonNode>, List<JsonNode>>> seriesRows(TimeseriesPlan plan, Statements statements,
      Selection selection, List<List<String>> kept) {
    Uni<List<JsonNode>> current = statements.rows(TimeseriesSql.series(selection, kept), SENDER);
    Uni<List<JsonNode>> previous = plan.compare()
        ? statements.rows(TimeseriesSql.series(selection.shiftedTo(plan.range().previous()), kept), SENDER)
        : Uni.createFrom().item(List.of());
    return Uni.combine().all().unis(current, previous).asTuple();
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
}
