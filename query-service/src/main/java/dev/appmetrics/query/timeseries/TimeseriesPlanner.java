package dev.appmetrics.query.timeseries;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.query.config.QueryConfig;
import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.sampling.TierChoice;
import dev.appmetrics.query.sampling.TierChoice.Choice;
import dev.appmetrics.query.sql.ClickHouseReader;
import dev.appmetrics.query.sql.Statements;
import dev.appmetrics.query.time.TimeRange;
import dev.appmetrics.query.timeseries.MetricShapes.Shape;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a timeseries request goes through before its statements run, for execution and validation alike, so
 * {@code POST /api/v1/query/validate} gives exactly the errors execution would: the body, its projects, its range,
 * the plan (every field, filter and equation), the tier it reads ({@link TierChoice}) and the shapes of its metrics
 * in that tier, which every query's aggregate must fit. Only the tier's estimate (one count on the 512 tier, with
 * {@code "sampling": "auto"}) and the shape lookups (one small statement per metric, cached: {@link MetricShapes})
 * read ClickHouse.
 */
@ApplicationScoped
public class TimeseriesPlanner {

  /** The tier chosen for a read, and the shape there of each metric it reads, by name. */
  public record TierShapes(Choice choice, Map<String, Shape> shapes) {}

  private final ClickHouseReader reader;
  private final MetricShapes metricShapes;
  private final TierChoice tiers;
  private final ProjectAccess access;
  private final QueryConfig config;

  public TimeseriesPlanner(
      ClickHouseReader reader,
      MetricShapes metricShapes,
      TierChoice tiers,
      ProjectAccess access,
      QueryConfig config) {
    this.reader = reader;
    this.metricShapes = metricShapes;
    this.tiers = tiers;
    this.access = access;
    this.config = config;
  }

  /** The request prepared as execution prepares it, summed up instead of run. */
  public Uni<QueryValidation> validate(Caller caller, TimeseriesRequest request) {
    return reader
        .read(caller, statements -> prepare(caller, request, statements))
        .map(prepared -> QueryValidation.of(prepared, request.equations()));
  }

  /** The request checked and planned, or its 400 (or 403); reads only its tier's estimate and its metrics' shapes. */
  public Uni<PreparedRequest> prepare(
      Caller caller, TimeseriesRequest request, Statements statements) {
    if (request == null) {
      throw ApiException.badRequest("The request body is missing");
    }
    List<Long> projects = access.require(caller, request.projects());
    TimeRange requested =
        TimeRange.resolve(
            request.start(),
            request.end(),
            request.period(),
            Instant.now(),
            config.maxRange().toSeconds());
    TimeseriesPlan plan =
        TimeseriesPlan.of(request, requested, config.maxPoints(), config.maxRange().toSeconds());
    TimeRange read =
        plan.compare()
            ? new TimeRange(plan.range().previous().start(), plan.range().end())
            : plan.range();
    Map<String, Set<String>> keys = new TreeMap<>();
    plan.queries()
        .forEach(q -> keys.computeIfAbsent(q.metric(), m -> new TreeSet<>()).addAll(q.groupBy()));
    return tierAndShapes(request.sampling(), projects, keys, read, statements)
        .map(
            found -> {
              for (int i = 0; i < plan.queries().size(); i++) {
                checkKinds(
                    found.shapes().get(plan.queries().get(i).metric()), plan.queries().get(i), i);
              }
              return new PreparedRequest(plan, projects, found.choice(), found.shapes());
            });
  }

  /**
   * The tier a read of these metrics (each with its group-by keys) over the range uses, and their shapes in it: what
   * a timeseries request and a heatmap both read before their statements.
   */
  public Uni<TierShapes> tierAndShapes(
      String sampling,
      List<Long> projects,
      Map<String, ? extends Set<String>> keys,
      TimeRange read,
      Statements statements) {
    return tiers
        .choose(sampling, projects, keys.keySet(), read, statements)
        .flatMap(
            choice ->
                shapes(choice.tier(), projects, keys, read, statements)
                    .map(shapes -> new TierShapes(choice, shapes)));
  }

  /** The shape in the tier of every metric the queries read, with its group-by keys, over every range read. */
  private Uni<Map<String, Shape>> shapes(
      Tier tier,
      List<Long> projects,
      Map<String, ? extends Set<String>> keys,
      TimeRange read,
      Statements statements) {
    List<String> metrics = List.copyOf(keys.keySet());
    List<Uni<Shape>> lookups =
        metrics.stream()
            .map(
                m ->
                    metricShapes.of(
                        new MetricShapes.Lookup(tier, projects, m, List.copyOf(keys.get(m)), read),
                        statements))
            .toList();
    return Uni.combine()
        .all()
        .unis(lookups)
        .with(
            found -> {
              Map<String, Shape> shapes = new HashMap<>();
              for (int i = 0; i < metrics.size(); i++) {
                shapes.put(metrics.get(i), (Shape) found.get(i));
              }
              return shapes;
            });
  }

  /** Every kind the metric's events have must take the aggregate. */
  private static void checkKinds(Shape shape, PlannedQuery q, int index) {
    shape.kinds().stream()
        .map(MetricKind::parse)
        .flatMap(Optional::stream)
        .filter(kind -> !q.aggregate().appliesTo(kind))
        .findFirst()
        .ifPresent(
            kind -> {
              throw ApiException.badRequest(
                  "queries[" + index + "].aggregate",
                  "queries["
                      + index
                      + "].aggregate '"
                      + q.aggregate().wireName()
                      + "' does not apply to the "
                      + kind.wireName()
                      + " metric '"
                      + q.metric()
                      + "'; it takes "
                      + Aggregate.of(kind).stream().map(Aggregate::wireName).toList());
            });
  }
}
