package dev.appmetrics.common.time;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as the services' APIs and tools take it from users: a whole number of at most nine digits and one unit
 * of s, m, h or d ("30s", "15m", "24h", "7d"). Which durations a field accepts (zero, bounds) and how it refuses the
 * others is the field's own rule.
 */
public final class ApiDuration {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([smhd])");

  private ApiDuration() {}

  /** The duration the text writes, zero included; empty for null or any other spelling. */
  public static Optional<Duration> parse(String text) {
    Matcher matcher = text == null ? null : FORMAT.matcher(text);
    if (matcher == null || !matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
  }
}
