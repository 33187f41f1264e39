package dev.appmetrics.monitor.notification;

import java.time.Instant;
import java.util.List;

/**
 * What an evaluation saw, worded for people, so a notification carries its own case: the value in its unit, what it
 * was compared with, a change's percentage and both values, which conditions of a composite monitor held, every query
 * and equation of the monitor with its value,
 * the breach window with a link to it in the Explorer, and up to 3 events of the window that pushed the value over,
 * each with links to its trace (view and API).
 */
public record Evidence(
    String value,
    String comparedWith,
    Change change,
    List<ConditionResult> conditions,
    List<Component> components,
    Instant windowStart,
    Instant windowEnd,
    String explorerUrl,
    List<Sample> samples) {

  /** One condition of a composite monitor: the label it watches, whether it held, and its own verdict's words. */
  public record ConditionResult(String watch, boolean held, String text) {}

  /** A percent change: "+57.3%", from the earlier window's value to this one's, {@code comparedTo} earlier. */
  public record Change(String percent, String previous, String current, String comparedTo) {}

  /** A query ("p95(checkout.latency) route:/checkout") or an equation ("A / B") and its value in this group. */
  public record Component(String label, String title, Double value, String text) {}

  /** One event of the breach window, with its trace in the UI and in the trace API. */
  public record Sample(
      Instant at,
      double value,
      String text,
      long projectId,
      String traceId,
      String spanId,
      String traceUrl,
      String traceApiUrl) {}

  public Evidence withSamples(List<Sample> found) {
    return new Evidence(
        value,
        comparedWith,
        change,
        conditions,
        components,
        windowStart,
        windowEnd,
        explorerUrl,
        found);
  }
}
