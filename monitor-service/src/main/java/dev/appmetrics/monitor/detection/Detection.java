package dev.appmetrics.monitor.detection;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.appmetrics.monitor.api.Problems;

/** How a monitor decides that a value is bad; the JSON field {@code type} names the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ThresholdDetection.class, name = "threshold"),
  @JsonSubTypes.Type(value = ChangeDetection.class, name = "change"),
  @JsonSubTypes.Type(value = AnomalyDetection.class, name = "anomaly"),
  @JsonSubTypes.Type(value = CompositeDetection.class, name = "composite")
})
public sealed interface Detection
    permits ThresholdDetection, ChangeDetection, AnomalyDetection, CompositeDetection {

  /** Records each inconsistent field under {@code detection.}; returns the detection with defaults. */
  Detection validated(Problems problems);
}
