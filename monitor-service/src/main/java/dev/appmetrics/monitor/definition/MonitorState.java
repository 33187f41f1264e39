package dev.appmetrics.monitor.definition;

import java.util.Locale;

/**
 * A monitor's health as its last evaluation left it: {@code OK} (nothing open, or not yet evaluated), {@code PENDING}
 * or {@code FIRING} (its worst open issue), {@code NO_DATA} (no group had data),
 * {@code NOT_ENOUGH_DATA} (no group had the monitor's minimum of events, some had a few), {@code ERROR} (its evaluation failed
 * {@code appmetrics.monitor.evaluation.failures-before-error} times in a row), {@code DISABLED} (not evaluated).
 */
public enum MonitorState {
  OK,
  PENDING,
  FIRING,
  NO_DATA,
  NOT_ENOUGH_DATA,
  ERROR,
  DISABLED;

  /** As stored in the {@code monitors.state} column. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MonitorState fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
