package dev.appmetrics.monitor.detection;

/**
 * The outcome of a detector for one group: a condition, the severity of a breach, the value judged and why, and what
 * it was compared with (null when nothing was).
 */
public record Verdict(
    Condition condition, Severity severity, Double value, String message, Comparison comparison) {

  public Verdict(Condition condition, Severity severity, Double value, String message) {
    this(condition, severity, value, message, null);
  }

  public static Verdict breach(Severity severity, double value, String message) {
    return new Verdict(Condition.BREACH, severity, value, message);
  }

  public static Verdict hold(double value, String message) {
    return new Verdict(Condition.HOLD, null, value, message);
  }

  public static Verdict clear(Double value, String message) {
    return new Verdict(Condition.CLEAR, null, value, message);
  }

  public Verdict comparedWith(Comparison with) {
    return new Verdict(condition, severity, value, message, with);
  }

  /** Too few events ({@code events} of {@code minimum}) {@code where} ("in the window") to judge {@code value}. */
  public static Verdict notEnoughData(Double value, long events, int minimum, String where) {
    return new Verdict(
        Condition.NOT_ENOUGH_DATA,
        null,
        value,
        "Not enough data: "
            + events
            + " events "
            + where
            + ", fewer than the "
            + minimum
            + " the monitor needs");
  }

  public static Verdict noData() {
    return new Verdict(Condition.NO_DATA, null, null, "No data in the evaluation window");
  }
}
