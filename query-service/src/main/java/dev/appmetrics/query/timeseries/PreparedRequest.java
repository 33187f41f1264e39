package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.sampling.TierChoice.Choice;
import dev.appmetrics.query.timeseries.MetricShapes.Shape;
import dev.appmetrics.query.timeseries.Selection.Grouping;
import dev.appmetrics.query.timeseries.Selection.Member;
import dev.appmetrics.query.timeseries.TimeseriesPlan.PlannedQuery;
import java.util.List;
import java.util.Map;

/**
 * A timeseries request validated and planned, with the tier it reads and the shapes of its metrics there: what runs,
 * or what validate sums up.
 */
public record PreparedRequest(
    TimeseriesPlan plan, List<Long> projects, Choice choice, Map<String, Shape> shapes) {

  /** The same request as one bucket over the whole range, on the same tier. */
  PreparedRequest whole() {
    return new PreparedRequest(plan.whole(), projects, choice, shapes);
  }

  /** Counts and rates have no unit; every other aggregate has its metric's. */
  public String unit(PlannedQuery q) {
    return q.aggregate().keepsUnit() ? shapes.get(q.metric()).unit() : null;
  }

  /** One statement answering these queries, which all read the same metric with the same groupBy. */
  Selection selection(List<PlannedQuery> queries) {
    PlannedQuery first = queries.get(0);
    Shape shape = shapes.get(first.metric());
    List<Grouping> groupBy =
        first.groupBy().stream().map(key -> new Grouping(key, shape.types().get(key))).toList();
    List<Member> members =
        queries.stream().map(q -> new Member(q.aggregate(), q.filter())).toList();
    return new Selection(
        choice.tier(),
        projects,
        first.metric(),
        groupBy,
        plan.range(),
        plan.intervalSeconds(),
        members);
  }
}
