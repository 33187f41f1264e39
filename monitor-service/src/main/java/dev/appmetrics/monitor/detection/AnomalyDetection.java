package dev.appmetrics.monitor.detection;

import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import java.time.Duration;

/**
 * Dynamic anomaly detection against a seasonality-aware baseline (see {@link AnomalyDetector}): {@code season} is the
 * period the metric repeats with (1d for daily traffic, 7d for weekly), {@code seasons} how many past periods form the
 * baseline, {@code sensitivity} how far from it a value must be.
 */
public record AnomalyDetection(
    Direction direction, Sensitivity sensitivity, String season, Integer seasons)
    implements Detection {

  public static final int MIN_SEASONS = 2;
  public static final int MAX_SEASONS = 12;

  /** From hourly jobs to weekly traffic; twelve weekly seasons still fit in the history query-service keeps. */
  private static final Duration MIN_SEASON = Duration.ofHours(1);

  private static final Duration MAX_SEASON = Duration.ofDays(7);

  public AnomalyDetection validated() {
    return Problems.require(this::validated);
  }

  @Override
  public AnomalyDetection validated(Problems problems) {
    String period = season == null ? "1d" : season;
    problems.check(
        "detection.season",
        () -> DurationText.parseWithin("detection.season", period, MIN_SEASON, MAX_SEASON));
    int count = seasons == null ? 4 : seasons;
    if (count < MIN_SEASONS || count > MAX_SEASONS) {
      problems.add(
          "detection.seasons",
          "detection.seasons must be between " + MIN_SEASONS + " and " + MAX_SEASONS);
    }
    return new AnomalyDetection(
        direction == null ? Direction.BOTH : direction,
        sensitivity == null ? Sensitivity.MEDIUM : sensitivity,
        period,
        count);
  }

  public Duration seasonLength() {
    return DurationText.parse("detection.season", season);
  }
}
