package dev.appmetrics.monitor.detection;

/**
 * What one evaluation says about one group: over a level ({@code BREACH}); back inside the alert level but not yet past
 * the resolve level ({@code HOLD}: a firing issue stays firing, which keeps a value hovering at the threshold from
 * flapping); fine ({@code CLEAR}); no data in the window ({@code NO_DATA}); or fewer events than the monitor's
 * minimum ({@code NOT_ENOUGH_DATA}: neither fires nor resolves, so a quiet hour's two slow requests page nobody).
 */
public enum Condition {
  BREACH,
  HOLD,
  CLEAR,
  NO_DATA,
  NOT_ENOUGH_DATA
}
