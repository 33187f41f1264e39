package dev.appmetrics.monitor.silence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subset of RFC 5545 recurrence rules maintenance windows need: {@code FREQ=DAILY} or {@code WEEKLY},
 * {@code INTERVAL}, {@code BYDAY} (two-letter days, no ordinals), {@code BYHOUR}, {@code BYMINUTE}, and an end by
 * {@code UNTIL} or {@code COUNT}. Occurrences are wall-clock times in the rule's time zone, from its start (DTSTART):
 * "every Sunday at 02:00 in Europe/Berlin" is 01:00Z in winter and 00:00Z in summer. A time that a DST change skips
 * is moved forward by the gap (RFC 5545 §3.3.5), one it repeats takes the earlier offset.
 */
public record RRule(
    Frequency frequency,
    int interval,
    List<DayOfWeek> days,
    List<Integer> hours,
    List<Integer> minutes,
    Instant until,
    Integer count) {

  public enum Frequency {
    DAILY,
    WEEKLY
  }

  /** Occurrences looked at before giving up on finding the one around an instant (a century of hourly ones). */
  private static final int MAX_OCCURRENCES = 1_000_000;

  /** Parses {@code FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=2;BYMINUTE=0} (an optional {@code RRULE:} prefix is allowed). */
  public static RRule parse(String text, ZoneId zone) {
    return RRuleParser.parse(text, zone);
  }

  /**
   * The start of the last occurrence in [{@code notBefore}, {@code at}], for a rule starting at {@code start} (DTSTART,
   * whose wall-clock time gives the hour and minute the rule does not), or empty when none began then. Without COUNT
   * the walk starts a period before {@code notBefore} instead of at DTSTART, so a rule years old costs no more.
   */
  public Optional<Instant> lastStartBetween(Instant notBefore, Instant at, ZonedDateTime start) {
    Instant[] last = {null};
    occurrences(
        start,
        count == null ? notBefore : null,
        occurrence -> {
          if (occurrence.isBefore(notBefore)) {
            return true;
          }
          if (occurrence.isAfter(at)) {
            return false;
          }
          last[0] = occurrence;
          return true;
        });
    return Optional.ofNullable(last[0]);
  }

  /** The first {@code limit} occurrences at or after {@code from} of a rule starting at {@code start}. */
  public List<Instant> startingFrom(Instant from, ZonedDateTime start, int limit) {
    List<Instant> found = new ArrayList<>();
    occurrences(
        start,
        count == null ? from : null,
        occurrence -> occurrence.isBefore(from) || (found.add(occurrence) && found.size() < limit));
    return found;
  }

  private interface Visitor {
    /** Takes one occurrence; false stops the walk. */
    boolean take(Instant occurrence);
  }

  /**
   * Walks the occurrences in order until the visitor stops, the rule ends, or {@link #MAX_OCCURRENCES}; from the
   * period a step before {@code skipTo} when given (only without COUNT, which counts from DTSTART).
   */
  private void occurrences(ZonedDateTime start, Instant skipTo, Visitor visitor) {
    ZoneId zone = start.getZone();
    LocalDateTime from = start.toLocalDateTime();
    LocalDate period =
        frequency == Frequency.DAILY
            ? from.toLocalDate()
            : from.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    if (skipTo != null) {
      long stepDays = frequency == Frequency.DAILY ? interval : 7L * interval;
      long steps =
          ChronoUnit.DAYS.between(period, skipTo.atZone(zone).toLocalDate()) / stepDays - 1;
      period = period.plusDays(Math.max(0, steps) * stepDays);
    }
    List<LocalTime> times = times(from.toLocalTime());
    int seen = 0;
    for (int step = 0; seen < MAX_OCCURRENCES; step++) {
      for (LocalDate day : days(period, from.toLocalDate())) {
        for (LocalTime time : times) {
          LocalDateTime local = day.atTime(time);
          if (local.isBefore(from)) {
            continue;
          }
          Instant occurrence = ZonedDateTime.of(local, zone).toInstant();
          seen++;
          if ((until != null && occurrence.isAfter(until))
              || (count != null && seen > count)
              || !visitor.take(occurrence)) {
            return;
          }
        }
      }
      period =
          frequency == Frequency.DAILY ? period.plusDays(interval) : period.plusWeeks(interval);
    }
  }

  /** The days of one period that have occurrences. */
  private List<LocalDate> days(LocalDate period, LocalDate startDay) {
    if (frequency == Frequency.DAILY) {
      return days.isEmpty() || days.contains(period.getDayOfWeek()) ? List.of(period) : List.of();
    }
    List<DayOfWeek> weekdays = days.isEmpty() ? List.of(startDay.getDayOfWeek()) : days;
    return weekdays.stream().map(d -> period.plusDays(d.getValue() - 1L)).toList();
  }

  private List<LocalTime> times(LocalTime start) {
    List<Integer> byHour = hours.isEmpty() ? List.of(start.getHour()) : hours;
    List<Integer> byMinute = minutes.isEmpty() ? List.of(start.getMinute()) : minutes;
    int second = hours.isEmpty() && minutes.isEmpty() ? start.getSecond() : 0;
    List<LocalTime> times = new ArrayList<>();
    byHour.forEach(h -> byMinute.forEach(m -> times.add(LocalTime.of(h, m, second))));
    return times.stream().sorted().toList();
  }
}
