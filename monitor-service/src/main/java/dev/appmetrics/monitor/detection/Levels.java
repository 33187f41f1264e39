package dev.appmetrics.monitor.detection;

import dev.appmetrics.monitor.api.Problems;
import java.util.function.DoubleFunction;

/**
 * Warning, critical and resolve levels on one side of a value, shared by static thresholds (levels in the metric's
 * unit) and percent change (levels in percent). Crossing is strict: "above 100" fires at 100.01, not at 100.
 */
public record Levels(Direction direction, Double warning, Double critical, Double resolve) {

  /** Records each problem under {@code field.}; the order of the levels is checked only once each is valid. */
  public Levels validated(String field, Problems problems) {
    boolean valid = true;
    if (direction != Direction.ABOVE && direction != Direction.BELOW) {
      problems.add(field + ".direction", field + ".direction must be above or below");
      valid = false;
    }
    valid &= finite(field + ".warning", warning, problems);
    valid &= finite(field + ".critical", critical, problems);
    valid &= finite(field + ".resolve", resolve, problems);
    if (warning == null && critical == null) {
      problems.add(field + ".critical", field + " needs a warning or a critical level");
      valid = false;
    }
    if (!valid) {
      return this;
    }
    if (warning != null
        && critical != null
        && !worse(critical, warning)
        && !critical.equals(warning)) {
      problems.add(
          field + ".critical", field + ".critical must be " + side() + " the warning level");
    }
    double alertLevel = warning != null ? warning : critical;
    if (resolve != null && worse(resolve, alertLevel)) {
      problems.add(
          field + ".resolve",
          field + ".resolve must not be " + side() + " the lowest alert level " + alertLevel);
    }
    return this;
  }

  /** JSON has no infinity, but 1e309 reads as one and "NaN" as not a number: neither is a level anything crosses. */
  private static boolean finite(String field, Double level, Problems problems) {
    if (level != null && !Double.isFinite(level)) {
      problems.add(field, field + " must be a finite number");
      return false;
    }
    return true;
  }

  /** Judges {@code value}; {@code what} and {@code levelText} word the message ("The value 430.7 ms", "300 ms"). */
  public Verdict judge(double value, String what, DoubleFunction<String> levelText) {
    if (critical != null && worse(value, critical)) {
      return crossed(
          Verdict.breach(
              Severity.CRITICAL,
              value,
              what + " is " + side() + " the critical level " + levelText.apply(critical)),
          "the critical level " + levelText.apply(critical));
    }
    if (warning != null && worse(value, warning)) {
      return crossed(
          Verdict.breach(
              Severity.WARNING,
              value,
              what + " is " + side() + " the warning level " + levelText.apply(warning)),
          "the warning level " + levelText.apply(warning));
    }
    if (resolve != null && worse(value, resolve)) {
      return crossed(
          Verdict.hold(
              value, what + " has not yet crossed the resolve level " + levelText.apply(resolve)),
          "the resolve level " + levelText.apply(resolve));
    }
    String alertLevel = levelText.apply(warning != null ? warning : critical);
    return crossed(
        Verdict.clear(value, what + " is within its levels"), "the alert level " + alertLevel);
  }

  private Verdict crossed(Verdict verdict, String level) {
    return verdict.comparedWith(Comparison.with(side() + " " + level));
  }

  private boolean worse(double value, double level) {
    return direction == Direction.ABOVE ? value > level : value < level;
  }

  private String side() {
    return direction == Direction.ABOVE ? "above" : "below";
  }
}
