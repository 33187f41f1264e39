package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.definition.MonitorQuery;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.AnomalyDetection;
import dev.appmetrics.monitor.detection.AnomalyDetector;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.CompositeDetection;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.evidence.Links;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import dev.appmetrics.monitor.query.TimeseriesResponse;
import dev.appmetrics.monitor.query.TimeseriesResponse.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of a monitor as pure logic: which query-service requests it needs for its slot, and how their
 * answers become one verdict per group. The window ends at the slot minus the evaluation delay, rounded down to a
 * bucket boundary, so every evaluation judges complete buckets that late data had time to reach.
 */
public final class EvaluationPlan {

  private final MonitorSpec spec;
  private final Instant windowEnd;
  private final TrafficGuard guard;

  private EvaluationPlan(MonitorSpec spec, Instant windowEnd) {
    this.spec = spec;
    this.windowEnd = windowEnd;
    this.guard = TrafficGuard.of(spec);
  }

  public static EvaluationPlan of(MonitorSpec spec, Instant slot) {
    long bucket = spec.interval().toSeconds();
    long end = Math.floorDiv(slot.minus(spec.delay()).getEpochSecond(), bucket) * bucket;
    return new EvaluationPlan(spec, Instant.ofEpochSecond(end));
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  /**
   * The requests, in the order {@link #verdicts} expects their answers: the window, then the same window at each
   * offset a change compares with; an anomaly's whole history instead.
   */
  public List<TimeseriesRequest> requests() {
    Duration window = spec.window();
    if (spec.detection() instanceof AnomalyDetection anomaly) {
      return List.of(
          request(
              windowEnd.minus(
                  AnomalyDetector.history(window, anomaly.seasonLength(), anomaly.seasons())),
              windowEnd));
    }
    List<TimeseriesRequest> requests =
        new ArrayList<>(List.of(request(windowEnd.minus(window), windowEnd)));
    offsets()
        .forEach(
            offset ->
                requests.add(
                    request(windowEnd.minus(offset).minus(window), windowEnd.minus(offset))));
    return requests;
  }

  /** Each distinct offset the monitor's changes compare with, in the order of its conditions. */
  private List<Duration> offsets() {
    return parts().stream()
        .map(CompositeDetection.Part::detection)
        .filter(ChangeDetection.class::isInstance)
        .map(d -> ((ChangeDetection) d).offset())
        .distinct()
        .toList();
  }

  /** The conditions the monitor judges: a composite's, or its one detection on its watched label. */
  private List<CompositeDetection.Part> parts() {
    return spec.detection() instanceof CompositeDetection composite
        ? composite.conditions()
        : List.of(new CompositeDetection.Part(spec.query().watch(), spec.detection()));
  }

  /**
   * One verdict per group of the watched labels, each with what the evaluation saw there ({@code links} words its
   * Explorer link).
   */
  public List<GroupVerdict> verdicts(List<TimeseriesResponse> answers, Links links) {
    Instant from = windowEnd.minus(spec.window());
    WindowReading now = reading(answers.get(0), Duration.ZERO);
    List<Duration> offsets = offsets();
    Map<Duration, WindowReading> earlier = new LinkedHashMap<>();
    for (int i = 0; i < offsets.size(); i++) {
      earlier.put(offsets.get(i), reading(answers.get(i + 1), offsets.get(i)));
    }
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    parts()
        .forEach(
            part ->
                now.series(part.watch())
                    .forEach(
                        (key, series) -> groups.putIfAbsent(key, WindowReading.group(series))));
    if (groups.isEmpty()) {
      // No series at all is no data for the whole monitor, which matters to "alert on no data".
      return List.of(new GroupVerdict(Map.of(), Verdict.noData()));
    }
    String unit = now.unit(parts().get(0).watch());
    List<GroupVerdict> verdicts = new ArrayList<>();
    groups.forEach(
        (key, group) -> {
          List<CompositeDetection.Judged> judged =
              parts().stream()
                  .map(part -> new CompositeDetection.Judged(part, judge(part, key, now, earlier)))
                  .toList();
          Verdict verdict =
              guard.guard(
                  spec.detection() instanceof CompositeDetection composite
                      ? composite.combine(judged)
                      : judged.get(0).verdict(),
                  key,
                  now,
                  List.copyOf(earlier.values()));
          verdicts.add(
              new GroupVerdict(
                  group,
                  verdict,
                  GroupEvidence.of(
                      spec,
                      key,
                      verdict,
                      unit,
                      now,
                      from,
                      windowEnd,
                      links,
                      spec.detection() instanceof CompositeDetection ? judged : List.of())));
        });
    return verdicts;
  }

  private Verdict judge(
      CompositeDetection.Part part,
      String key,
      WindowReading now,
      Map<Duration, WindowReading> earlier) {
    String label = part.watch();
    Double value = now.value(label, key);
    String unit = now.unit(label);
    if (part.detection() instanceof ThresholdDetection threshold) {
      return threshold.judge(value, unit);
    }
    if (part.detection() instanceof ChangeDetection change) {
      return change.judge(value, earlier.get(change.offset()).value(label, key), unit);
    }
    AnomalyDetection anomaly = (AnomalyDetection) part.detection();
    Series series = now.series(label).get(key);
    List<Double> references =
        series == null
            ? List.of()
            : AnomalyDetector.seasonalReferences(
                now.answer().timestamps(),
                series.values(),
                windowEnd.toEpochMilli(),
                spec.window(),
                anomaly.seasonLength(),
                anomaly.seasons(),
                spec.evaluation().reduce());
    return AnomalyDetector.judge(anomaly, value, references, unit);
  }

  /** An answer read over the evaluation window, {@code shift} earlier. */
  private WindowReading reading(TimeseriesResponse answer, Duration shift) {
    Instant to = windowEnd.minus(shift);
    return new WindowReading(
        answer,
        to.minus(spec.window()).toEpochMilli(),
        to.toEpochMilli(),
        spec.evaluation().reduce());
  }

  private TimeseriesRequest request(Instant start, Instant end) {
    MonitorQuery query = spec.query();
    List<TimeseriesRequest.Query> queries = new ArrayList<>(query.queries());
    queries.addAll(guard.countQueries());
    return new TimeseriesRequest(
        query.projects(),
        start.toString(),
        end.toString(),
        query.interval(),
        queries,
        query.equations().isEmpty() ? null : query.equations());
  }
}
