package dev.appmetrics.monitor.monitor;

import dev.appmetrics.monitor.detection.Detection;
import java.time.Instant;
import java.util.List;

/** A monitor as the API shows it: its spec with every default filled in. */
public record MonitorView(long id, String name, boolean enabled, MonitorSpec.MonitorQuery query, Detection detection,
    MonitorSpec.Evaluation evaluation, NoDataBehaviour noData, List<Long> channels, Instant createdAt,
    Instant updatedAt) {

  static MonitorView of(Monitor monitor, MonitorSpec spec) {
    return new MonitorView(monitor.id, spec.name(), monitor.enabled, spec.query(), spec.detection(),
        spec.evaluation(), spec.noData(), spec.channels(), monitor.createdAt, monitor.updatedAt);
  }
}
