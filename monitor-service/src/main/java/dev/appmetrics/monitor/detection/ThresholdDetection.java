package dev.appmetrics.monitor.detection;

/** A static threshold: the reduced value of the window against fixed warning, critical and resolve levels. */
public record ThresholdDetection(Direction direction, Double warning, Double critical, Double resolve)
    implements Detection {

  @Override
  public ThresholdDetection validated() {
    levels().validated("detection");
    return this;
  }

  public Verdict judge(Double value) {
    return value == null ? Verdict.noData() : levels().judge(value, "The value " + value);
  }

  private Levels levels() {
    return new Levels(direction, warning, critical, resolve);
  }
}
