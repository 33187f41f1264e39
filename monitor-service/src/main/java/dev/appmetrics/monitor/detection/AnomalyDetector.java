package dev.appmetrics.monitor.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seasonality-aware anomaly detection. The baseline of the window ending at {@code end} is made of the same window in
 * each of the previous {@code seasons} periods, plus the windows just before and after each of them (so a peak that
 * comes a little early or late is still compared with a peak). From these reference values it takes the median
 * (the expected value) and the median absolute deviation scaled by 1.4826 (a robust standard deviation that one past
 * incident cannot inflate the way it would inflate a mean and a standard deviation). The score of the current value is
 * its distance from the median in those units; an anomaly is a score over the sensitivity's threshold. The scale never
 * drops below {@value #MIN_RELATIVE_SCALE} of the median, so a metric that was perfectly flat does not alarm on a
 * change of a few per cent. An open anomaly resolves once the score drops under {@value #RESOLVE_FRACTION} of the
 * threshold.
 */
public final class AnomalyDetector {

  /** Windows either side of each seasonal reference window that join the baseline. */
  public static final int NEIGHBOUR_WINDOWS = 1;

  /** Fewer reference values than this is not a baseline: the detector abstains. */
  public static final int MIN_REFERENCES = 3;

  static final double MAD_TO_SIGMA = 1.4826;
  static final double MIN_RELATIVE_SCALE = 0.05;
  static final double RESOLVE_FRACTION = 0.75;

  private AnomalyDetector() {}

  /** The robust centre and scale of a set of reference values. */
  public record Baseline(double median, double scale) {

    public double score(double value) {
      return (value - median) / scale;
    }
  }

  public static Baseline baseline(List<Double> references) {
    double[] sorted = references.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = median(sorted);
    double[] deviations = Arrays.stream(sorted).map(v -> Math.abs(v - median)).sorted().toArray();
    double scale =
        Math.max(MAD_TO_SIGMA * median(deviations), MIN_RELATIVE_SCALE * Math.abs(median));
    return new Baseline(median, scale > 0 ? scale : Double.MIN_NORMAL);
  }

  /** The window values the baseline of the window ending at {@code endMs} is made of; empty windows are left out. */
  public static List<Double> seasonalReferences(
      List<Long> timestamps,
      List<Double> values,
      long endMs,
      Duration window,
      Duration season,
      int seasons,
      Reduce reduce) {
    List<Double> references = new ArrayList<>();
    long windowMs = window.toMillis();
    for (int k = 1; k <= seasons; k++) {
      for (int j = -NEIGHBOUR_WINDOWS; j <= NEIGHBOUR_WINDOWS; j++) {
        long to = endMs - k * season.toMillis() + j * windowMs;
        Double value = SeriesWindow.value(timestamps, values, to - windowMs, to, reduce);
        if (value != null) {
          references.add(value);
        }
      }
    }
    return references;
  }

  /** How far back the series must reach for {@link #seasonalReferences} to find all its windows. */
  public static Duration history(Duration window, Duration season, int seasons) {
    return season.multipliedBy(seasons).plus(window.multipliedBy(NEIGHBOUR_WINDOWS + 1L));
  }

  public static Verdict judge(
      AnomalyDetection detection, Double current, List<Double> references, String unit) {
    if (current == null) {
      return Verdict.noData();
    }
    if (references.size() < MIN_REFERENCES) {
      return Verdict.hold(
          current,
          "Not enough history for a baseline ("
              + references.size()
              + " of "
              + MIN_REFERENCES
              + " reference windows)");
    }
    Baseline baseline = baseline(references);
    double score = baseline.score(current);
    double distance =
        switch (detection.direction()) {
          case ABOVE -> score;
          case BELOW -> -score;
          case BOTH -> Math.abs(score);
        };
    double threshold = detection.sensitivity().threshold();
    String described =
        String.format(
            Locale.ROOT,
            "The value %s is %.1f robust deviations from its baseline %s",
            Units.format(current, unit),
            score,
            Units.format(baseline.median(), unit));
    Comparison against =
        Comparison.with(
            "its baseline "
                + Units.format(baseline.median(), unit)
                + " (score "
                + Units.number(score)
                + ", threshold "
                + threshold
                + ")");
    if (distance > threshold) {
      return Verdict.breach(
              Severity.CRITICAL, current, described + " (threshold " + threshold + ")")
          .comparedWith(against);
    }
    if (distance > threshold * RESOLVE_FRACTION) {
      return Verdict.hold(
              current, described + ", not yet back under " + threshold * RESOLVE_FRACTION)
          .comparedWith(against);
    }
    return Verdict.clear(current, described).comparedWith(against);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
