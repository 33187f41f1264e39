package dev.appmetrics.monitor.detection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** How the buckets of an evaluation window become the one value a detector judges; empty buckets are skipped. */
public enum Reduce {
  @JsonProperty("avg")
  AVG,
  @JsonProperty("min")
  MIN,
  @JsonProperty("max")
  MAX,
  @JsonProperty("sum")
  SUM,
  @JsonProperty("last")
  LAST;

  /** The reduced value, or null when every bucket is empty. */
  public Double apply(List<Double> buckets) {
    List<Double> present =
        buckets.stream().filter(Objects::nonNull).filter(v -> !v.isNaN()).toList();
    if (present.isEmpty()) {
      return null;
    }
    return switch (this) {
      case AVG -> present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      case MIN -> present.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      case MAX -> present.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      case SUM -> present.stream().mapToDouble(Double::doubleValue).sum();
      case LAST -> present.get(present.size() - 1);
    };
  }
}
