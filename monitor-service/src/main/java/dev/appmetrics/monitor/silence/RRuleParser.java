package dev.appmetrics.monitor.silence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reads an RRULE's text into an {@link RRule}, naming the part that is wrong or unsupported. */
final class RRuleParser {

  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "MO",
          DayOfWeek.MONDAY,
          "TU",
          DayOfWeek.TUESDAY,
          "WE",
          DayOfWeek.WEDNESDAY,
          "TH",
          DayOfWeek.THURSDAY,
          "FR",
          DayOfWeek.FRIDAY,
          "SA",
          DayOfWeek.SATURDAY,
          "SU",
          DayOfWeek.SUNDAY);

  private RRuleParser() {}

  /** The rule {@code text} states; a local UNTIL is read in {@code zone}. */
  static RRule parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "an RRULE is required, e.g. FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0");
    }
    Map<String, String> parts = new TreeMap<>();
    for (String part : text.strip().replaceFirst("^RRULE:", "").split(";")) {
      String[] pair = part.split("=", 2);
      if (pair.length != 2
          || parts.put(pair[0].strip().toUpperCase(Locale.ROOT), pair[1].strip()) != null) {
        throw new IllegalArgumentException(
            "'" + part + "' is not NAME=VALUE, or names a part twice");
      }
    }
    String frequency = parts.remove("FREQ");
    if (!"DAILY".equals(frequency) && !"WEEKLY".equals(frequency)) {
      throw new IllegalArgumentException("FREQ must be DAILY or WEEKLY");
    }
    int interval = number(parts.remove("INTERVAL"), "INTERVAL", 1, 1000, List.of(1)).get(0);
    List<DayOfWeek> days =
        parts.containsKey("BYDAY")
            ? Arrays.stream(parts.remove("BYDAY").split(","))
                .map(RRuleParser::day)
                .distinct()
                .sorted()
                .toList()
            : List.of();
    List<Integer> hours = number(parts.remove("BYHOUR"), "BYHOUR", 0, 23, List.of());
    List<Integer> minutes = number(parts.remove("BYMINUTE"), "BYMINUTE", 0, 59, List.of());
    String until = parts.remove("UNTIL");
    String count = parts.remove("COUNT");
    parts.remove("WKST");
    if (!parts.isEmpty()) {
      throw new IllegalArgumentException(
          "unsupported part(s) "
              + parts.keySet()
              + ": FREQ, INTERVAL, BYDAY, BYHOUR, "
              + "BYMINUTE, UNTIL and COUNT are");
    }
    if (until != null && count != null) {
      throw new IllegalArgumentException("UNTIL and COUNT cannot both be given");
    }
    return new RRule(
        RRule.Frequency.valueOf(frequency),
        interval,
        days,
        hours,
        minutes,
        until == null ? null : until(until, zone),
        count == null ? null : number(count, "COUNT", 1, 100_000, null).get(0));
  }

  private static DayOfWeek day(String text) {
    DayOfWeek day = DAYS.get(text.strip().toUpperCase(Locale.ROOT));
    if (day == null) {
      throw new IllegalArgumentException(
          "BYDAY takes MO, TU, WE, TH, FR, SA, SU (without ordinals), not '" + text + "'");
    }
    return day;
  }

  private static List<Integer> number(
      String text, String part, int min, int max, List<Integer> absent) {
    if (text == null) {
      return absent;
    }
    List<Integer> values = new ArrayList<>();
    for (String item : text.split(",")) {
      try {
        int value = Integer.parseInt(item.strip());
        if (value < min || value > max) {
          throw new NumberFormatException();
        }
        values.add(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            part + " takes whole numbers from " + min + " to " + max + ", not '" + item + "'");
      }
    }
    return values.stream().distinct().sorted().toList();
  }

  /** UNTIL as UTC ({@code 20261231T235959Z}), or a date or local date-time in the rule's zone. */
  private static Instant until(String text, ZoneId zone) {
    try {
      if (text.endsWith("Z")) {
        return LocalDateTime.parse(
                text.substring(0, text.length() - 1),
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
            .toInstant(java.time.ZoneOffset.UTC);
      }
      if (text.length() == 8) {
        return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE)
            .plusDays(1)
            .atStartOfDay(zone)
            .toInstant()
            .minus(1, ChronoUnit.SECONDS);
      }
      return ZonedDateTime.of(
              LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")), zone)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "UNTIL must be like 20261231T235959Z or 20261231, not '" + text + "'");
    }
  }
}
