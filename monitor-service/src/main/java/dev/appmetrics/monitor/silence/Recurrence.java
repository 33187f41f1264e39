package dev.appmetrics.monitor.silence;

import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When a maintenance window recurs: an RRULE ({@link RRule}'s subset) in an IANA time zone, each occurrence lasting
 * {@code duration}; the silence's {@code startsAt} is its DTSTART.
 */
public record Recurrence(String rrule, String timeZone, String duration) {

  private static final Duration MIN_DURATION = Duration.ofMinutes(1);
  private static final Duration MAX_DURATION = Duration.ofDays(7);

  Recurrence validated(Problems problems) {
    ZoneId zone = problems.check("recurrence.timeZone", () -> zone(timeZone));
    if (zone != null) {
      try {
        RRule.parse(rrule, zone);
      } catch (IllegalArgumentException e) {
        problems.add("recurrence.rrule", "recurrence.rrule: " + e.getMessage());
      }
    }
    problems.check(
        "recurrence.duration",
        () ->
            DurationText.parseWithin("recurrence.duration", duration, MIN_DURATION, MAX_DURATION));
    return this;
  }

  /** Whether {@code at} falls in an occurrence of a rule that started at {@code start}. */
  boolean covers(Instant at, Instant start) {
    ZoneId zone = ZoneId.of(timeZone);
    Duration length = DurationText.parse("recurrence.duration", duration);
    return RRule.parse(rrule, zone)
        .lastStartBetween(at.minus(length), at, start.atZone(zone))
        .filter(occurrence -> at.isBefore(occurrence.plus(length)))
        .isPresent();
  }

  /** The starts of the next {@code limit} occurrences from {@code from}, of a rule that started at {@code start}. */
  List<Instant> next(Instant from, Instant start, int limit) {
    ZoneId zone = ZoneId.of(timeZone);
    return RRule.parse(rrule, zone).startingFrom(from, start.atZone(zone), limit);
  }

  private static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (DateTimeException | NullPointerException e) {
      throw Problems.of(
          "recurrence.timeZone",
          "recurrence.timeZone must be an IANA time zone such as "
              + "Europe/Berlin, not '"
              + name
              + "'");
    }
  }
}
