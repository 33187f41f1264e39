package dev.appmetrics.monitor.evaluation;

import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.Condition;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The low-traffic guard: a window with fewer events than the monitor's {@code minEvents} (and, for a change, an
 * earlier window with fewer) is not judged. A window's events are those of the busiest of the monitor's queries in
 * the group (for an error rate A / B, the requests B), counted by a {@code count} query beside each one, under a label
 * the monitor does not use: query-service reads such a count in the same scan as its query.
 */
final class TrafficGuard {

  private static final String LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final int minimum;

  /** Each count query by the label of the query it counts. */
  private final Map<String, TimeseriesRequest.Query> counts;

  private TrafficGuard(int minimum, Map<String, TimeseriesRequest.Query> counts) {
    this.minimum = minimum;
    this.counts = counts;
  }

  static TrafficGuard of(MonitorSpec spec) {
    int minimum = spec.evaluation().minEvents() == null ? 0 : spec.evaluation().minEvents();
    Map<String, TimeseriesRequest.Query> counts = new LinkedHashMap<>();
    if (minimum > 0) {
      List<String> used =
          spec.query().queries().stream().map(TimeseriesRequest.Query::label).toList();
      List<Character> free = new ArrayList<>();
      for (int i = LABELS.length() - 1; i >= 0; i--) {
        if (!used.contains(String.valueOf(LABELS.charAt(i)))) {
          free.add(LABELS.charAt(i));
        }
      }
      for (TimeseriesRequest.Query query : spec.query().queries()) {
        counts.put(
            query.label(),
            new TimeseriesRequest.Query(
                String.valueOf(free.get(counts.size())),
                query.metric(),
                "count",
                query.filter(),
                query.groupBy()));
      }
    }
    return new TrafficGuard(minimum, counts);
  }

  /** The count queries a request adds to the monitor's own. */
  List<TimeseriesRequest.Query> countQueries() {
    return List.copyOf(counts.values());
  }

  /**
   * The verdict, or "not enough data" when the window (or an earlier one a change compared it with) had fewer events
   * than the minimum. No data stays no data, so the monitor's no-data setting still applies.
   */
  Verdict guard(
      Verdict verdict, String groupKey, WindowReading window, List<WindowReading> earlier) {
    if (minimum == 0 || verdict.condition() == Condition.NO_DATA) {
      return verdict;
    }
    long events = events(window, groupKey);
    if (events < minimum) {
      return Verdict.notEnoughData(verdict.value(), events, minimum, "in the window");
    }
    for (WindowReading before : earlier) {
      long count = events(before, groupKey);
      if (count < minimum) {
        return Verdict.notEnoughData(verdict.value(), count, minimum, "in the earlier window");
      }
    }
    return verdict;
  }

  private long events(WindowReading window, String groupKey) {
    return counts.values().stream()
        .map(count -> window.total(count.label(), groupKey))
        .mapToLong(total -> total == null ? 0 : Math.round(total))
        .max()
        .orElse(0);
  }
}
