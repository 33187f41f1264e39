package dev.appmetrics.monitor.detection;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which side of a level counts as bad. {@code BOTH} only makes sense for anomalies. */
public enum Direction {
  @JsonProperty("above")
  ABOVE,
  @JsonProperty("below")
  BELOW,
  @JsonProperty("both")
  BOTH
}
