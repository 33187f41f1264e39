package dev.appmetrics.monitor.api;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.time.ApiDuration;
import java.time.Duration;

/** Durations in monitors ({@link ApiDuration}, "15m", "24h", "7d"): positive or bounded per field, refused naming it. */
public final class DurationText {

  private DurationText() {}

  public static Duration parse(String field, String text) {
    Duration duration = parseAllowingZero(field, text);
    if (duration.isZero()) {
      throw ApiException.badRequest(
          field + " must be a positive duration like 30s, 5m, 1h or 7d, not '" + text + "'");
    }
    return duration;
  }

  /**
   * A duration a user gives for a field, which must lie within [min, max]: every duration of the API is bounded, so
   * none can push a date past what PostgreSQL or query-service can hold.
   */
  public static Duration parseWithin(String field, String text, Duration min, Duration max) {
    Duration duration = parseAllowingZero(field, text);
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      throw ApiException.badRequest(
          field
              + " must be between "
              + format(min)
              + " and "
              + format(max)
              + ", not '"
              + text
              + "'");
    }
    return duration;
  }

  /** The duration as this API writes it, in the largest unit that holds it exactly ("90s", "2m", "7d"). */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /** Like {@link #parse} but also accepts zero ("0s"), for delays. */
  public static Duration parseAllowingZero(String field, String text) {
    return ApiDuration.parse(text == null ? null : text.strip())
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    field + " must be a duration like 30s, 5m, 1h or 7d, not '" + text + "'"));
  }
}
