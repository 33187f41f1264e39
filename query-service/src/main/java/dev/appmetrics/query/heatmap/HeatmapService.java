package dev.appmetrics.query.heatmap;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.heatmap.HeatmapSql.Bounds;
import dev.appmetrics.query.heatmap.HeatmapSql.CellRow;
import dev.appmetrics.query.sampling.TierChoice.Choice;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.Aggregate;
import dev.appmetrics.query.timeseries.MetricShapes.Shape;
import dev.appmetrics.query.timeseries.Ranking;
import dev.appmetrics.query.timeseries.Selection;
import dev.appmetrics.query.timeseries.Selection.Grouping;
import dev.appmetrics.query.timeseries.Selection.Member;
import dev.appmetrics.query.timeseries.TimeseriesPlan;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import dev.appmetrics.query.timeseries.TimeseriesPlanner;
import dev.appmetrics.query.timeseries.TimeseriesRequest;
import dev.appmetrics.query.timeseries.TimeseriesSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Value-bucket histograms of a distribution over time. The request is checked by the timeseries rules (range,
 * interval, and the query's filter, groupBy and top-N, as {@link TimeseriesPlan#query} plans a count of the metric)
 * and read through a timeseries {@link Selection}, so both see the same rows: the positive values' bounds place the
 * log-scale value buckets ({@link ValueBuckets}), then one statement counts each cell.
 */
@ApplicationScoped
public class HeatmapService {

  private static final String SENDER = "query-heatmap";

  /** A checked request: its projects, the range widened to whole buckets, and the count query it reads. */
  record Plan(
      List<Long> projects,
      TimeRange range,
      long intervalSeconds,
      PlannedQuery query,
      int valueBuckets,
      String sampling) {}

  private final ClickHouseReader reader;
  private final TimeseriesPlanner planner;
  private final ProjectAccess access;
  private final QueryConfig config;

  public HeatmapService(
      ClickHouseReader reader,
      TimeseriesPlanner planner,
      ProjectAccess access,
      QueryConfig config) {
    this.reader = reader;
    this.planner = planner;
    this.access = access;
    this.config = config;
  }

  public Uni<HeatmapResponse> heatmap(Caller caller, HeatmapRequest request) {
    Plan plan = plan(caller, request);
    PlannedQuery q = plan.query();
    return reader.read(
        caller,
        statements ->
            planner
                .tierAndShapes(
                    plan.sampling(),
                    plan.projects(),
                    Map.of(q.metric(), new TreeSet<>(q.groupBy())),
                    plan.range(),
                    statements)
                .flatMap(
                    found ->
                        run(plan, found.choice(), found.shapes().get(q.metric()), statements)));
  }

  private Plan plan(Caller caller, HeatmapRequest request) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    List<Long> projects = access.require(caller, request.projects());
    long maxRange = config.maxRange().toSeconds();
    TimeRange requested =
        TimeRange.resolve(
            request.start(), request.end(), request.period(), Instant.now(), maxRange);
    long interval =
        TimeseriesPlan.interval(request.interval(), requested, config.maxPoints(), maxRange);
    HeatmapRequest.Query query = request.query();
    if (query == null) {
      throw ApiException.badRequest(
          "query", "'query' must be an object naming the distribution's metric");
    }
    PlannedQuery planned =
        TimeseriesPlan.query(
            new TimeseriesRequest.Query(
                "A",
                query.metric(),
                Aggregate.COUNT.wireName(),
                query.filter(),
                query.groupBy(),
                query.limit(),
                query.order()),
            "query");
    int buckets = request.valueBuckets() == null ? ValueBuckets.DEFAULT : request.valueBuckets();
    if (buckets < 1 || buckets > ValueBuckets.MAX) {
      throw ApiException.badRequest(
          "valueBuckets", "'valueBuckets' must be between 1 and " + ValueBuckets.MAX);
    }
    return new Plan(
        projects, requested.alignedTo(interval), interval, planned, buckets, request.sampling());
  }

  private Uni<HeatmapResponse> run(Plan plan, Choice choice, Shape shape, Statements statements) {
    PlannedQuery q = plan.query();
    shape.kinds().stream()
        .filter(kind -> !kind.equals(MetricKind.DISTRIBUTION.wireName()))
        .findFirst()
        .ifPresent(
            kind -> {
              throw ApiException.badRequest(
                  "query.metric",
                  "query.metric '"
                      + q.metric()
                      + "' is a "
                      + kind
                      + " metric; a heatmap shows the values of a distribution");
            });
    List<Grouping> groupBy =
        q.groupBy().stream().map(key -> new Grouping(key, shape.types().get(key))).toList();
    Selection selection =
        new Selection(
            choice.tier(),
            plan.projects(),
            q.metric(),
            groupBy,
            plan.range(),
            plan.intervalSeconds(),
            List.of(new Member(Aggregate.COUNT, q.filter())));
    Uni<Ranking> ranking =
        q.limit() == null
            ? Uni.createFrom().item(Ranking.NONE)
            : statements
                .run(TimeseriesSql.ranking(selection, q.limit(), q.ascending()), SENDER)
                .map(groups -> Ranking.of(groups, q.limit()));
    Uni<List<Double>> edges =
        statements
            .run(HeatmapSql.bounds(selection), SENDER)
            .map(
                rows -> {
                  Bounds bounds = rows.get(0);
                  return bounds.events() == 0
                      ? List.<Double>of()
                      : ValueBuckets.edges(bounds.low(), bounds.high(), plan.valueBuckets());
                });
    return Uni.combine()
        .all()
        .unis(ranking, edges)
        .asTuple()
        .flatMap(
            found -> {
              HeatmapCells cells = new HeatmapCells(plan, found.getItem2(), found.getItem1());
              // Without a positive value there is no value axis: no bucket to count in.
              return found.getItem2().isEmpty()
                  ? Uni.createFrom()
                      .item(cells.response(shape.unit(), choice.describe(0), List.of()))
                  : statements
                      .run(
                          HeatmapSql.cells(selection, found.getItem2(), found.getItem1().kept()),
                          SENDER)
                      .map(
                          rows ->
                              cells.response(
                                  shape.unit(),
                                  choice.describe(rows.stream().mapToLong(CellRow::events).sum()),
                                  rows));
            });
  }
}
