package dev.appmetrics.query.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.query.sampling.StoredWeeks.Classes;
import dev.appmetrics.query.sampling.StoredWeeks.Part;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether the exact table still holds a range's weeks, from partition ids alone. */
class StoredWeeksTests {

  static final List<Classes> DEFAULT = List.of(new Classes(30, 396));

  /** The exact table holds class 30 from the week of 2026-10-26 on; the 8 tier holds class 396 from 2026-01-05. */
  static final List<Part> DROPPED =
      List.of(
          new Part("metric_events", "30-20261026"),
          new Part("metric_events", "30-20261102"),
          new Part("metric_events", "90-20260803"),
          new Part("metric_events_downsample_8", "396-20260105"),
          new Part("metric_events_downsample_8", "396-20261026"));

  @Test
  void aRangeFromTheExactTablesOldestWeekOnIsCovered() {
    assertTrue(StoredWeeks.exactCovers(DROPPED, DEFAULT, Instant.parse("2026-10-26T00:00:00Z")));
    assertTrue(
        StoredWeeks.exactCovers(DROPPED, DEFAULT, Instant.parse("2026-11-01T23:59:59Z")),
        "same week");
  }

  @Test
  void aRangeStartingInAWeekOnlyTheTierHoldsIsNot() {
    assertFalse(StoredWeeks.exactCovers(DROPPED, DEFAULT, Instant.parse("2026-10-25T23:59:59Z")));
    assertFalse(StoredWeeks.exactCovers(DROPPED, DEFAULT, Instant.parse("2026-09-01T00:00:00Z")));
  }

  @Test
  void eachProjectIsJudgedByItsOwnClasses() {
    assertTrue(
        StoredWeeks.exactCovers(
            DROPPED, List.of(new Classes(90, 396)), Instant.parse("2026-08-03T00:00:00Z")));
    assertFalse(
        StoredWeeks.exactCovers(
            DROPPED,
            List.of(new Classes(90, 396), new Classes(30, 396)),
            Instant.parse("2026-08-03T00:00:00Z")),
        "one project whose weeks expired is enough");
  }

  @Test
  void weeksNeverStoredAreNoReasonToSample() {
    List<Part> young =
        List.of(
            new Part("metric_events", "30-20261026"),
            new Part("metric_events_downsample_8", "396-20261026"));
    assertTrue(
        StoredWeeks.exactCovers(young, DEFAULT, Instant.parse("2026-09-01T00:00:00Z")),
        "an install younger than the range: the tier holds nothing older either");
    assertTrue(
        StoredWeeks.exactCovers(List.of(), DEFAULT, Instant.parse("2026-09-01T00:00:00Z")),
        "nothing stored");
  }

  @Test
  void rowsOfClassZeroAreOfTheDefaultClass() {
    List<Part> legacy =
        List.of(
            new Part("metric_events", "0-20260105"),
            new Part("metric_events_downsample_8", "396-20260105"));
    assertTrue(StoredWeeks.exactCovers(legacy, DEFAULT, Instant.parse("2026-01-05T00:00:00Z")));
  }

  @Test
  void thePartitionsAreReadFromSystemPartsOfTheTwoTables() {
    assertEquals(
        """
        SELECT table, partition_id
        FROM system.parts
        WHERE database = currentDatabase() AND active AND table IN ('metric_events', 'metric_events_downsample_8')
        GROUP BY table, partition_id
        FORMAT JSONCompact""",
        StoredWeeks.parts().sql());
  }
}
