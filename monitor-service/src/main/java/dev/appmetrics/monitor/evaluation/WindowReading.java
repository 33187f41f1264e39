package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.definition.GroupKey;
import dev.appmetrics.monitor.detection.Reduce;
import dev.appmetrics.monitor.detection.SeriesWindow;
import dev.appmetrics.monitor.query.TimeseriesResponse;
import dev.appmetrics.monitor.query.TimeseriesResponse.Series;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of query-service read over one window [fromMs, toMs): each label's series by group (the folded "other"
 * series is no group of its own), reduced to one value, and the unit query-service gives each label.
 */
final class WindowReading {

  private static final String UNGROUPED = GroupKey.of(Map.of());

  private final TimeseriesResponse answer;
  private final long fromMs;
  private final long toMs;
  private final Reduce reduce;

  WindowReading(TimeseriesResponse answer, long fromMs, long toMs, Reduce reduce) {
    this.answer = answer;
    this.fromMs = fromMs;
    this.toMs = toMs;
    this.reduce = reduce;
  }

  TimeseriesResponse answer() {
    return answer;
  }

  /** The label's series by group key. */
  Map<String, Series> series(String label) {
    Map<String, Series> byGroup = new LinkedHashMap<>();
    for (Series series : answer.series()) {
      if (label.equals(series.label()) && !series.other()) {
        byGroup.put(GroupKey.of(group(series)), series);
      }
    }
    return byGroup;
  }

  /** The label's reduced value in the group, or in its only series when that label is not grouped; null without. */
  Double value(String label, String groupKey) {
    return reduced(label, groupKey, reduce);
  }

  /** The sum of the label's buckets in the group (a count query's events in the window). */
  Double total(String label, String groupKey) {
    return reduced(label, groupKey, Reduce.SUM);
  }

  private Double reduced(String label, String groupKey, Reduce how) {
    Map<String, Series> byGroup = series(label);
    Series series = byGroup.containsKey(groupKey) ? byGroup.get(groupKey) : byGroup.get(UNGROUPED);
    return series == null
        ? null
        : SeriesWindow.value(answer.timestamps(), series.values(), fromMs, toMs, how);
  }

  String unit(String label) {
    return answer.series().stream()
        .filter(s -> label.equals(s.label()))
        .map(Series::unit)
        .filter(Objects::nonNull)
        .filter(unit -> !unit.isBlank())
        .findFirst()
        .orElse(null);
  }

  static Map<String, Object> group(Series series) {
    return series.group() == null ? Map.of() : series.group();
  }
}
