package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.detection.AnomalyDetection;
import dev.appmetrics.monitor.detection.AnomalyDetector;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.Reduce;
import dev.appmetrics.monitor.detection.SeriesWindow;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.issue.GroupKey;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.monitor.MonitorSpec;
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

  private EvaluationPlan(MonitorSpec spec, Instant windowEnd) {
    this.spec = spec;
    this.windowEnd = windowEnd;
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

  public List<GroupVerdict> verdicts(List<TimeseriesResponse> answers) {
    Reduce reduce = spec.evaluation().reduce();
    long to = windowEnd.toEpochMilli();
    long from = windowEnd.minus(spec.window()).toEpochMilli();
    Map<String, Series> current = watched(answers.get(0));
    List<GroupVerdict> verdicts = new ArrayList<>();
    List<Long> timestamps = answers.get(0).timestamps();
    if (current.isEmpty()) {
      // No series at all is no data for the whole monitor, which matters to "alert on no data".
      return List.of(new GroupVerdict(Map.of(), Verdict.noData()));
    }
    if (spec.detection() instanceof ThresholdDetection threshold) {
      current.values().forEach(series -> verdicts.add(new GroupVerdict(group(series),
          threshold.judge(SeriesWindow.value(timestamps, series.values(), from, to, reduce)))));
    } else if (spec.detection() instanceof ChangeDetection change) {
      Map<String, Series> previous = watched(answers.get(1));
      long shift = change.offset().toMillis();
      current.forEach((key, series) -> {
        Series before = previous.get(key);
        Double previousValue = before == null ? null
            : SeriesWindow.value(answers.get(1).timestamps(), before.values(), from - shift, to - shift, reduce);
        verdicts.add(new GroupVerdict(group(series),
            change.judge(SeriesWindow.value(timestamps, series.values(), from, to, reduce), previousValue)));
      });
    } else if (spec.detection() instanceof AnomalyDetection anomaly) {
      current.values().forEach(series -> {
        Double value = SeriesWindow.value(timestamps, series.values(), from, to, reduce);
        List<Double> references = AnomalyDetector.seasonalReferences(timestamps, series.values(), to,
            spec.window(), anomaly.seasonLength(), anomaly.seasons(), reduce);
        verdicts.add(new GroupVerdict(group(series), AnomalyDetector.judge(anomaly, value, references)));
      });
    }
    return verdicts;
  }

  /** The watched label's series by group; the folded "other" series is no group of its own. */
  private Map<String, Series> watched(TimeseriesResponse answer) {
    Map<String, Series> byGroup = new LinkedHashMap<>();
    for (Series series : answer.series()) {
      if (spec.query().watch().equals(series.label()) && !series.other()) {
        byGroup.put(GroupKey.of(group(series)), series);
      }
    }
    return byGroup;
  }

  private static Map<String, Object> group(Series series) {
    return series.group() == null ? Map.of() : series.group();
  }

  private TimeseriesRequest request(Instant start, Instant end) {
    MonitorSpec.MonitorQuery query = spec.query();
    return new TimeseriesRequest(query.projects(), start.toString(), end.toString(), query.interval(),
        query.queries(), query.equations().isEmpty() ? null : query.equations());
  }
}
