package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.appmetrics.query.sampling.Tier;
import dev.appmetrics.query.timeseries.MetricShapes.Shape;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedEquation;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The answer of {@code POST /api/v1/query/validate}: the request as execution would run it (the range widened to
 * whole buckets, each query's metric kinds and series unit, what each equation uses), and warnings about what is
 * valid but probably a mistake: a metric without events in the range, most often a misspelt name.
 */
public record QueryValidation(
    String start,
    String end,
    long intervalSeconds,
    List<Query> queries,
    List<Equation> equations,
    List<Warning> warnings) {

  /**
   * {@code kinds}: those of the metric's events in the range (none for a metric without events there); {@code unit}:
   * the unit its series would have (null for counts and rates).
   */
  public record Query(
      String label,
      String metric,
      String aggregate,
      List<String> kinds,
      String unit,
      List<String> groupBy,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer limit) {}

  /** {@code uses}: the labels of the queries and equations its expression names. */
  public record Equation(
      String label, String expression, List<String> uses, List<String> groupBy) {}

  public record Warning(String field, String reason) {}

  static QueryValidation of(
      PreparedRequest prepared, List<TimeseriesRequest.Equation> requestOrder) {
    TimeseriesPlan plan = prepared.plan();
    List<Query> queries = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    for (int i = 0; i < plan.queries().size(); i++) {
      PlannedQuery q = plan.queries().get(i);
      Shape shape = prepared.shapes().get(q.metric());
      queries.add(
          new Query(
              q.label(),
              q.metric(),
              q.aggregate().wireName(),
              List.copyOf(shape.kinds()),
              prepared.unit(q),
              q.groupBy(),
              q.limit()));
      Tier tier = prepared.choice().tier();
      if (shape.kinds().isEmpty()) {
        warnings.add(
            new Warning(
                "queries[" + i + "].metric",
                "'"
                    + q.metric()
                    + "' has no events "
                    + (tier == Tier.EXACT ? "" : "kept by the " + tier.wireName() + " tier ")
                    + "in these projects in the range"
                    + (plan.compare() ? " or the previous period" : "")
                    + (tier == Tier.EXACT
                        ? ": is the name right?"
                        : ": it keeps 1 event in " + tier.weight())));
      }
    }
    Map<String, PlannedEquation> equations =
        plan.equations().stream()
            .collect(Collectors.toMap(PlannedEquation::label, Function.identity()));
    List<Equation> summaries =
        requestOrder == null
            ? List.of()
            : requestOrder.stream()
                .map(
                    e -> {
                      PlannedEquation planned = equations.get(e.label());
                      Set<String> uses = new LinkedHashSet<>();
                      planned.tree().collectLabels(uses);
                      return new Equation(
                          planned.label(),
                          planned.expression(),
                          List.copyOf(uses),
                          planned.groupBy());
                    })
                .toList();
    return new QueryValidation(
        Instant.ofEpochSecond(plan.range().start()).toString(),
        Instant.ofEpochSecond(plan.range().end()).toString(),
        plan.intervalSeconds(),
        queries,
        summaries,
        warnings);
  }
}
