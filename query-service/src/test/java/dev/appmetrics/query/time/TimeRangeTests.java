package dev.appmetrics.query.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTests {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final long NINETY_DAYS = 90 * 86_400;

  static String refusal(String start, String end, String period) {
    return assertThrows(
            ApiException.class, () -> TimeRange.resolve(start, end, period, NOW, NINETY_DAYS))
        .getMessage();
  }

  @Test
  void instantsBeyondWhatClickHouseHoldsAreRefusedNamingTheField() {
    assertEquals(
        "'start' must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z",
        refusal("+999999999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", null));
    assertEquals(
        "'end' must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z",
        refusal("2026-11-25T00:00:00Z", "+999999999-12-31T23:59:59Z", null));
    assertEquals(
        "'start' must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z",
        refusal("-999999999-01-01T00:00:00Z", "2026-11-25T00:00:00Z", null));
    assertEquals(
        "'at' must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z",
        assertThrows(
                ApiException.class, () -> TimeRange.instant("at", "+999999999-12-31T23:59:59Z"))
            .getMessage());
  }

  @Test
  void theBoundsThemselvesAreInstantsARequestMayName() {
    assertEquals(
        new TimeRange(946_684_800, 4_102_444_800L),
        new TimeRange(
            TimeRange.instant("start", "2000-01-01T00:00:00Z").getEpochSecond(),
            TimeRange.instant("end", "2100-01-01T00:00:00Z").getEpochSecond()));
  }

  @Test
  void aRangeLongerThanTheLimitNamesTheFieldsThatMadeIt() {
    assertEquals(
        "'start' to 'end' is longer than 90 days",
        refusal("2026-01-01T00:00:00Z", "2026-11-01T00:00:00Z", null));
    assertEquals("'period' is longer than 90 days", refusal(null, null, "9999999d"));
    assertEquals(
        new TimeRange(NOW.getEpochSecond() - NINETY_DAYS, NOW.getEpochSecond()),
        TimeRange.resolve(null, null, "90d", NOW, NINETY_DAYS));
  }

  @Test
  void malformedInstantsAndPeriodsNameTheField() {
    assertEquals(
        "'end' must be an ISO-8601 instant like 2026-11-25T10:00:00.250Z",
        refusal("2026-11-25T00:00:00Z", "tomorrow", null));
    assertEquals(
        "'period' must be a whole number followed by s, m, h or d, like 15m or 24h",
        refusal(null, null, "99999999d"));
  }
}
