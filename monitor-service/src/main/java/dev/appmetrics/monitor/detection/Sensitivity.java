package dev.appmetrics.monitor.detection;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far from its seasonal baseline a value must be, in robust standard deviations (scaled median absolute
 * deviations), to count as an anomaly. Higher sensitivity fires on smaller deviations, and more often.
 */
public enum Sensitivity {
  @JsonProperty("low")
  LOW(6.0),
  @JsonProperty("medium")
  MEDIUM(4.5),
  @JsonProperty("high")
  HIGH(3.0);

  private final double threshold;

  Sensitivity(double threshold) {
    this.threshold = threshold;
  }

  public double threshold() {
    return threshold;
  }
}
