package dev.appmetrics.monitor.detection;

/** The outcome of a detector for one group: a condition, the severity of a breach, the value judged and why. */
public record Verdict(Condition condition, Severity severity, Double value, String message) {

  public static Verdict breach(Severity severity, double value, String message) {
    return new Verdict(Condition.BREACH, severity, value, message);
  }

  public static Verdict hold(double value, String message) {
    return new Verdict(Condition.HOLD, null, value, message);
  }

  public static Verdict clear(Double value, String message) {
    return new Verdict(Condition.CLEAR, null, value, message);
  }

  public static Verdict noData() {
    return new Verdict(Condition.NO_DATA, null, null, "No data in the evaluation window");
  }
}
