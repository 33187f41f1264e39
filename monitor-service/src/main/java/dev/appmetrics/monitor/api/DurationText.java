package dev.appmetrics.monitor.api;

import dev.appmetrics.common.error.ApiException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the query API writes them: a positive integer and one unit of s, m, h or d ("15m", "24h", "7d"). */
public final class DurationText {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([smhd])");

  private DurationText() {}

  public static Duration parse(String field, String text) {
    Duration duration = parseAllowingZero(field, text);
    if (duration.isZero()) {
      throw ApiException.badRequest(field + " must be a positive duration like 30s, 5m, 1h or 7d, not '" + text + "'");
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
      throw ApiException.badRequest(field + " must be between " + format(min) + " and " + format(max) + ", not '"
          + text + "'");
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
    Matcher matcher = text == null ? null : FORMAT.matcher(text.strip());
    if (matcher == null || !matcher.matches()) {
      throw ApiException.badRequest(field + " must be a duration like 30s, 5m, 1h or 7d, not '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
