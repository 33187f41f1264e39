package dev.appmetrics.monitor.detection;

/**
 * What a judged value was compared with, for the people a notification reaches: {@code against} in words and in the
 * value's unit ("the critical level 300 ms", "its baseline 120 ms"), and for a percent change the earlier value and the
 * change itself.
 */
public record Comparison(String against, Double previous, Double percent) {

  public static Comparison with(String against) {
    return new Comparison(against, null, null);
  }
}
