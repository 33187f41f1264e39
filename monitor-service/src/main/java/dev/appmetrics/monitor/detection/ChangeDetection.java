package dev.appmetrics.monitor.detection;

import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import java.time.Duration;

/**
 * Percent change of the window's value against the same window {@code comparedTo} earlier (1h, 1d, 1w…): levels are
 * in percent, so "above 50" fires when the value grew by more than half, "below -30" when it fell by more than 30%.
 */
public record ChangeDetection(
    Direction direction, Double warning, Double critical, Double resolve, String comparedTo)
    implements Detection {

  /**
   * As far back as query-service keeps events ({@code appmetrics.query.max-range}, 90 days): an earlier window would
   * always be empty, so the change never has data.
   */
  public static final Duration RETENTION = Duration.ofDays(90);

  public ChangeDetection validated() {
    return Problems.require(this::validated);
  }

  @Override
  public ChangeDetection validated(Problems problems) {
    new Levels(direction, warning, critical, resolve).validated("detection", problems);
    String offset = comparedTo == null ? "1d" : comparedTo;
    problems.check(
        "detection.comparedTo",
        () ->
            DurationText.parseWithin(
                "detection.comparedTo", offset, Duration.ofSeconds(1), RETENTION));
    return new ChangeDetection(direction, warning, critical, resolve, offset);
  }

  public Duration offset() {
    return DurationText.parse("detection.comparedTo", comparedTo);
  }

  /** A previous value of zero or none has no percent change: that is no data, not an infinite spike. */
  public Verdict judge(Double current, Double previous, String unit) {
    if (current == null || previous == null || previous == 0.0) {
      return Verdict.noData();
    }
    double percent = (current - previous) / Math.abs(previous) * 100.0;
    Verdict verdict =
        new Levels(direction, warning, critical, resolve)
            .judge(
                percent,
                "The change of "
                    + Units.percent(percent)
                    + " ("
                    + Units.format(previous, unit)
                    + " to "
                    + Units.format(current, unit)
                    + ") against "
                    + comparedTo
                    + " earlier",
                Units::percent);
    return new Verdict(
        verdict.condition(),
        verdict.severity(),
        current,
        verdict.message(),
        new Comparison(verdict.comparison().against(), previous, percent));
  }
}
