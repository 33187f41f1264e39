package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.Comparison;
import dev.appmetrics.monitor.detection.CompositeDetection;
import dev.appmetrics.monitor.detection.Units;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.evidence.Links;
import dev.appmetrics.monitor.notification.Evidence;
import dev.appmetrics.monitor.notification.Evidence.Component;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one evaluation saw in one group, worded for a notification ({@link Evidence}; samples come later). */
final class GroupEvidence {

  private GroupEvidence() {}

  /** {@code judged}: a composite monitor's conditions and how each went (empty for other monitors). */
  static Evidence of(
      MonitorSpec spec,
      String groupKey,
      Verdict verdict,
      String unit,
      WindowReading window,
      Instant from,
      Instant to,
      Links links,
      List<CompositeDetection.Judged> judged) {
    Comparison comparison = verdict.comparison();
    Evidence.Change change =
        comparison == null || comparison.percent() == null
            ? null
            : new Evidence.Change(
                Units.percent(comparison.percent()),
                Units.format(comparison.previous(), unit),
                Units.format(verdict.value(), unit),
                ((ChangeDetection) spec.detection()).comparedTo());
    return new Evidence(
        Units.format(verdict.value(), unit),
        comparison == null ? null : comparison.against(),
        change,
        judged.stream()
            .map(
                j ->
                    new Evidence.ConditionResult(j.part().watch(), j.held(), j.verdict().message()))
            .toList(),
        components(spec, groupKey, window),
        from,
        to,
        links.explorer(spec.query(), from, to),
        List.of());
  }

  /** Every query and equation of the monitor with its value in this group. */
  private static List<Component> components(
      MonitorSpec spec, String groupKey, WindowReading window) {
    List<Component> components = new ArrayList<>();
    for (TimeseriesRequest.Query query : spec.query().queries()) {
      components.add(
          component(
              query.label(),
              query.aggregate()
                  + "("
                  + query.metric()
                  + ")"
                  + (query.filter() == null || query.filter().isBlank()
                      ? ""
                      : " " + query.filter()),
              groupKey,
              window));
    }
    for (TimeseriesRequest.Equation equation : spec.query().equations()) {
      components.add(component(equation.label(), equation.expression(), groupKey, window));
    }
    return components;
  }

  private static Component component(
      String label, String title, String groupKey, WindowReading window) {
    Double value = window.value(label, groupKey);
    return new Component(label, title, value, Units.format(value, window.unit(label)));
  }
}
