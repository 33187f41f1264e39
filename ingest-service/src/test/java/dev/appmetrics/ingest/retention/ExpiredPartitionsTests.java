package dev.appmetrics.ingest.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExpiredPartitionsTests {

  private static boolean expired(String partitionId, String today) {
    return ExpiredPartitions.expired("metric_events", partitionId, 1, LocalDate.parse(today))
        .isPresent();
  }

  @Test
  void aWeekExpiresOnceItsLastDayIsOlderThanItsClassPlusTheZoneSlack() {
    // The week of Monday 2026-11-02 ends on Sunday 11-08; 7 days of class and a day of time-zone
    // slack after that.
    assertEquals(false, expired("7-20261102", "2026-11-16"));
    assertEquals(true, expired("7-20261102", "2026-11-17"));
    assertEquals(false, expired("30-20261102", "2026-12-09"));
    assertEquals(true, expired("30-20261102", "2026-12-10"));
  }

  @Test
  void aRowWithoutAClassIsKeptTheDefault() {
    assertEquals(false, expired("0-20261102", "2026-12-09"));
    assertEquals(true, expired("0-20261102", "2026-12-10"));
  }

  @Test
  void partitionsOfAnotherFormAreNeverDropped() {
    assertTrue(!expired("20201102", "2026-12-10"));
    assertTrue(!expired("tuple()", "2026-12-10"));
  }
}
