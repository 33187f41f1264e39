package dev.appmetrics.monitor.detection;

import dev.appmetrics.common.error.ApiException;

/**
 * Warning, critical and resolve levels on one side of a value, shared by static thresholds (levels in the metric's
 * unit) and percent change (levels in percent). Crossing is strict: "above 100" fires at 100.01, not at 100.
 */
public record Levels(Direction direction, Double warning, Double critical, Double resolve) {

  public Levels validated(String field) {
    if (direction != Direction.ABOVE && direction != Direction.BELOW) {
      throw ApiException.badRequest(field + ".direction must be above or below");
    }
    finite(field + ".warning", warning);
    finite(field + ".critical", critical);
    finite(field + ".resolve", resolve);
    if (warning == null && critical == null) {
      throw ApiException.badRequest(field + " needs a warning or a critical level");
    }
    if (warning != null && critical != null && !worse(critical, warning) && !critical.equals(warning)) {
      throw ApiException.badRequest(field + ".critical must be " + side() + " the warning level");
    }
    double alertLevel = warning != null ? warning : critical;
    if (resolve != null && worse(resolve, alertLevel)) {
      throw ApiException.badRequest(field + ".resolve must not be " + side() + " the lowest alert level " + alertLevel);
    }
    return this;
  }

  /** JSON has no infinity, but 1e309 reads as one and "NaN" as not a number: neither is a level anything crosses. */
  private static void finite(String field, Double level) {
    if (level != null && !Double.isFinite(level)) {
      throw ApiException.badRequest(field + " must be a finite number");
    }
  }

  public Verdict judge(double value, String what) {
    if (critical != null && worse(value, critical)) {
      return Verdict.breach(Severity.CRITICAL, value, what + " is " + side() + " the critical level " + critical);
    }
    if (warning != null && worse(value, warning)) {
      return Verdict.breach(Severity.WARNING, value, what + " is " + side() + " the warning level " + warning);
    }
    if (resolve != null && worse(value, resolve)) {
      return Verdict.hold(value, what + " has not yet crossed the resolve level " + resolve);
    }
    return Verdict.clear(value, what + " is within its levels");
  }

  private boolean worse(double value, double level) {
    return direction == Direction.ABOVE ? value > level : value < level;
  }

  private String side() {
    return direction == Direction.ABOVE ? "above" : "below";
  }
}
