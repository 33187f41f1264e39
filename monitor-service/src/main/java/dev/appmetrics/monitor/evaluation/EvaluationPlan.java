package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.detection.AnomalyDetection;
import dev.appmetrics.monitor.detection.AnomalyDetector;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.evidence.Links;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.monitor.MonitorSpec;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import dev.appmetrics.monitor.query.TimeseriesResponse;
import dev.appmetrics.monitor.query.TimeseriesResponse.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  /** The requests, in the order {@link #verdicts} expects their answers. */
  public List<TimeseriesRequest> requests() {
    Duration window = spec.window();
    if (spec.detection() instanceof ChangeDetection change) {
      return List.of(request(windowEnd.minus(window), windowEnd),
          request(windowEnd.minus(change.offset()).minus(window), windowEnd.minus(change.offset())));
    }
    if (spec.detection() instanceof AnomalyDetection anomaly) {
      return List.of(request(
          windowEnd.minus(AnomalyDetector.history(window, anomaly.seasonLength(), anomaly.seasons())), windowEnd));
    }
    return List.of(request(windowEnd.minus(window), windowEnd));
  }

  /**
   * One verdict per group of the watched label, each with what the evaluation saw there ({@code links} words its
   * Explorer link).
   */
  public List<GroupVerdict> verdicts(List<TimeseriesResponse> answers, Links links) {
    String watch = spec.query().watch();
    Instant from = windowEnd.minus(spec.window());
    WindowReading now = reading(answers.get(0), Duration.ZERO);
    Map<String, Series> current = now.series(watch);
    if (current.isEmpty()) {
      // No series at all is no data for the whole monitor, which matters to "alert on no data".
      return List.of(new GroupVerdict(Map.of(), Verdict.noData()));
    }
    String unit = now.unit(watch);
    List<GroupVerdict> verdicts = new ArrayList<>();
    current.forEach((key, series) -> {
      Verdict verdict = judge(key, now, answers, unit);
      verdicts.add(new GroupVerdict(WindowReading.group(series), verdict,
          GroupEvidence.of(spec, key, verdict, unit, now, from, windowEnd, links)));
    });
    return verdicts;
  }

  private Verdict judge(String key, WindowReading now, List<TimeseriesResponse> answers, String unit) {
    String watch = spec.query().watch();
    Double value = now.value(watch, key);
    if (spec.detection() instanceof ThresholdDetection threshold) {
      return guard.guard(threshold.judge(value, unit), key, now, null);
    }
    if (spec.detection() instanceof ChangeDetection change) {
      WindowReading earlier = reading(answers.get(1), change.offset());
      return guard.guard(change.judge(value, earlier.value(watch, key), unit), key, now, earlier);
    }
    AnomalyDetection anomaly = (AnomalyDetection) spec.detection();
    Series series = now.series(watch).get(key);
    List<Double> references = AnomalyDetector.seasonalReferences(now.answer().timestamps(), series.values(),
        windowEnd.toEpochMilli(), spec.window(), anomaly.seasonLength(), anomaly.seasons(),
        spec.evaluation().reduce());
    return guard.guard(AnomalyDetector.judge(anomaly, value, references, unit), key, now, null);
  }

  /** An answer read over the evaluation window, {@code shift} earlier. */
  private WindowReading reading(TimeseriesResponse answer, Duration shift) {
    Instant to = windowEnd.minus(shift);
    return new WindowReading(answer, to.minus(spec.window()).toEpochMilli(), to.toEpochMilli(),
        spec.evaluation().reduce());
  }

  private TimeseriesRequest request(Instant start, Instant end) {
    MonitorSpec.MonitorQuery query = spec.query();
    List<TimeseriesRequest.Query> queries = new ArrayList<>(query.queries());
    queries.addAll(guard.countQueries());
    return new TimeseriesRequest(query.projects(), start.toString(), end.toString(), query.interval(), queries,
        query.equations().isEmpty() ? null : query.equations());
  }
}
