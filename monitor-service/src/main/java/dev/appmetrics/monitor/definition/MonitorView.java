package dev.appmetrics.monitor.definition;

import dev.appmetrics.monitor.detection.Detection;
import java.time.Instant;
import java.util.List;

/**
 * A monitor as the API shows it: its spec with every default filled in, and its health: {@code state}, when it was
 * last evaluated, the value judged then (null before the first evaluation or without data), the last evaluation's
 * failure (null once one succeeds) and how many evaluations failed in a row.
 */
public record MonitorView(
    long id,
    String name,
    boolean enabled,
    MonitorQuery query,
    Detection detection,
    MonitorSpec.Evaluation evaluation,
    NoDataBehaviour noData,
    List<Long> channels,
    MonitorState state,
    Instant lastEvaluatedAt,
    Double lastValue,
    String lastError,
    int consecutiveFailures,
    Instant createdAt,
    Instant updatedAt) {

  static MonitorView of(Monitor monitor, MonitorSpec spec) {
    return new MonitorView(
        monitor.id,
        spec.name(),
        monitor.enabled,
        spec.query(),
        spec.detection(),
        spec.evaluation(),
        spec.noData(),
        spec.channels(),
        monitor.currentState(),
        monitor.lastEvaluatedAt,
        monitor.lastValue,
        monitor.lastError,
        monitor.consecutiveFailures,
        monitor.createdAt,
        monitor.updatedAt);
  }
}
