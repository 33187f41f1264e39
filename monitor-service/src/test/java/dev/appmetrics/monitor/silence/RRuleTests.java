package dev.appmetrics.monitor.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.monitor.api.Problems;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recurrence rules of maintenance windows, across Europe/Berlin's DST changes of 2026 (29 March: 02:00 CET jumps
 * to 03:00 CEST; 25 October: 03:00 CEST falls back to 02:00 CET). Expected instants are written out by hand.
 */
class RRuleTests {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static List<Instant> first(String rule, String start, int limit) {
    ZonedDateTime dtstart = ZonedDateTime.parse(start).withZoneSameInstant(BERLIN);
    return RRule.parse(rule, BERLIN).startingFrom(dtstart.toInstant(), dtstart, limit);
  }

  private static List<Instant> instants(String... texts) {
    return Stream.of(texts).map(Instant::parse).toList();
  }

  @Test
  void aWeeklyWindowKeepsItsWallClockTimeAcrossBothDstChanges() {
    assertEquals(
        instants("2026-03-21T21:00:00Z", "2026-03-28T21:00:00Z", "2026-04-04T20:00:00Z"),
        first("FREQ=WEEKLY;BYDAY=SA;BYHOUR=22;BYMINUTE=0", "2026-03-15T00:00:00+01:00", 3));
    assertEquals(
        instants("2026-10-17T20:00:00Z", "2026-10-24T20:00:00Z", "2026-10-31T21:00:00Z"),
        first("FREQ=WEEKLY;BYDAY=SA;BYHOUR=22;BYMINUTE=0", "2026-10-12T00:00:00+02:00", 3));
  }

  @Test
  void aTimeTheSpringChangeSkipsMovesForwardByTheGapAndARepeatedOneTakesTheEarlierOffset() {
    // 02:30 does not exist on 29 March: 03:30 CEST, the same instant 02:30 CET would have been.
    assertEquals(
        instants("2026-03-22T01:30:00Z", "2026-03-29T01:30:00Z", "2026-04-05T00:30:00Z"),
        first("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=30", "2026-03-16T00:00:00+01:00", 3));
    // 02:30 happens twice on 25 October: the first, in CEST.
    assertEquals(
        instants("2026-10-25T00:30:00Z"),
        first("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=30", "2026-10-24T00:00:00+02:00", 1));
  }

  @Test
  void dailyWithDaysHoursMinutesIntervalAndEnds() {
    assertEquals(
        instants(
            "2026-06-01T06:00:00Z",
            "2026-06-01T06:30:00Z",
            "2026-06-01T16:00:00Z",
            "2026-06-01T16:30:00Z",
            "2026-06-03T06:00:00Z"),
        first(
            "FREQ=DAILY;BYDAY=MO,WE,FR;BYHOUR=8,18;BYMINUTE=0,30", "2026-06-01T00:00:00+02:00", 5));
    assertEquals(
        instants("2026-06-01T07:15:00Z", "2026-06-15T07:15:00Z"),
        first("FREQ=WEEKLY;INTERVAL=2;COUNT=2", "2026-06-01T09:15:00+02:00", 10));
    assertEquals(
        instants("2026-06-01T07:15:00Z", "2026-06-02T07:15:00Z"),
        first("RRULE:FREQ=DAILY;UNTIL=20260602T071500Z", "2026-06-01T09:15:00+02:00", 10));
    assertEquals(
        instants("2026-06-01T07:15:00Z", "2026-06-02T07:15:00Z"),
        first("FREQ=DAILY;UNTIL=20260602", "2026-06-01T09:15:00+02:00", 10));
  }

  @Test
  void theNextOccurrencesOfARuleYearsOldAreFoundFromNow() {
    ZonedDateTime dtstart = ZonedDateTime.parse("2026-01-01T00:00:00+01:00[Europe/Berlin]");
    assertEquals(
        instants("2036-06-07T20:00:00Z", "2036-06-14T20:00:00Z"),
        RRule.parse("FREQ=WEEKLY;BYDAY=SA;BYHOUR=22", BERLIN)
            .startingFrom(Instant.parse("2036-06-02T00:00:00Z"), dtstart, 2));
  }

  /** A weekly two-hour window, Saturday 22:00 Berlin time, and instants inside it or not, in UTC. */
  @Test
  void aWindowCoversExactlyItsOccurrencesOnEitherSideOfTheChange() {
    Recurrence window =
        new Recurrence("FREQ=WEEKLY;BYDAY=SA;BYHOUR=22;BYMINUTE=0", "Europe/Berlin", "2h");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    record Case(String at, boolean covered) {}
    List<Case> table =
        List.of(
            new Case("2026-03-28T20:59:59Z", false),
            new Case("2026-03-28T21:00:00Z", true),
            new Case("2026-03-28T22:59:59Z", true),
            new Case("2026-03-28T23:00:00Z", false),
            // After the change the same wall-clock window is an hour earlier in UTC.
            new Case("2026-04-04T19:59:59Z", false),
            new Case("2026-04-04T20:00:00Z", true),
            new Case("2026-04-04T21:30:00Z", true),
            new Case("2026-04-04T22:00:00Z", false),
            // A Saturday before the rule started, and one ten years on.
            new Case("2026-04-05T20:30:00Z", false),
            new Case("2025-12-27T21:30:00Z", false),
            new Case("2036-06-07T20:30:00Z", true));
    for (Case c : table) {
      assertEquals(c.covered(), window.covers(Instant.parse(c.at()), start), c.at());
    }
  }

  @Test
  void unsupportedOrMalformedRulesAreRefusedNamingTheField() {
    for (String rule :
        List.of(
            "FREQ=MONTHLY",
            "FREQ=WEEKLY;BYDAY=1MO",
            "FREQ=DAILY;BYHOUR=24",
            "FREQ=DAILY;BYSETPOS=1",
            "FREQ=DAILY;COUNT=2;UNTIL=20260101",
            "FREQ=DAILY;FREQ=WEEKLY",
            "")) {
      Problems problems = new Problems();
      new Recurrence(rule, "Europe/Berlin", "1h").validated(problems);
      assertEquals(
          List.of("recurrence.rrule"),
          problems.details().stream().map(d -> d.field()).toList(),
          rule);
    }
    Problems problems = new Problems();
    new Recurrence("FREQ=DAILY", "Mars/Olympus", "8d").validated(problems);
    assertEquals(
        List.of("recurrence.timeZone", "recurrence.duration"),
        problems.details().stream().map(d -> d.field()).toList());
    assertThrows(
        IllegalArgumentException.class, () -> RRule.parse("FREQ=WEEKLY;INTERVAL=0", BERLIN));
  }
}
