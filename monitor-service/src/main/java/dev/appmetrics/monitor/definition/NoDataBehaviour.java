package dev.appmetrics.monitor.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a window without data means: {@code ok} resolves (a quiet error counter is good news), {@code keep} changes
 * nothing (a gap in a latency metric proves nothing), {@code alert} fires critical (a heartbeat that stopped).
 */
public enum NoDataBehaviour {
  @JsonProperty("ok")
  OK,
  @JsonProperty("keep")
  KEEP,
  @JsonProperty("alert")
  ALERT
}
