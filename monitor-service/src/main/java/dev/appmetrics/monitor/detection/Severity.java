package dev.appmetrics.monitor.detection;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Severity {
  @JsonProperty("warning")
  WARNING,
  @JsonProperty("critical")
  CRITICAL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
