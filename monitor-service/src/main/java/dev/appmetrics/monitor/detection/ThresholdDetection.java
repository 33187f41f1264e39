package dev.appmetrics.monitor.detection;

import dev.appmetrics.monitor.api.Problems;

/** A static threshold: the reduced value of the window against fixed warning, critical and resolve levels. */
public record ThresholdDetection(
    Direction direction, Double warning, Double critical, Double resolve) implements Detection {

  public ThresholdDetection validated() {
    return Problems.require(this::validated);
  }

  @Override
  public ThresholdDetection validated(Problems problems) {
    levels().validated("detection", problems);
    return this;
  }

  /** {@code unit}: the series' unit, which the message writes the value and the levels in. */
  public Verdict judge(Double value, String unit) {
    return value == null
        ? Verdict.noData()
        : levels()
            .judge(
                value,
                "The value " + Units.format(value, unit),
                level -> Units.format(level, unit));
  }

  private Levels levels() {
    return new Levels(direction, warning, critical, resolve);
  }
}
