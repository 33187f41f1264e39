package dev.appmetrics.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTests {

  @Test
  void readsEachUnit() {
    assertEquals(Duration.ofSeconds(30), DurationText.parse("f", "30s"));
    assertEquals(Duration.ofMinutes(15), DurationText.parse("f", "15m"));
    assertEquals(Duration.ofHours(24), DurationText.parse("f", "24h"));
    assertEquals(Duration.ofDays(7), DurationText.parse("f", "7d"));
  }

  @Test
  void zeroOnlyWhereAllowed() {
    assertEquals(Duration.ZERO, DurationText.parseAllowingZero("delay", "0s"));
    ApiException e = assertThrows(ApiException.class, () -> DurationText.parse("window", "0m"));
    assertEquals(
        "window must be a positive duration like 30s, 5m, 1h or 7d, not '0m'", e.getMessage());
  }

  @Test
  void boundedParsingNamesTheFieldAndBothBounds() {
    assertEquals(
        Duration.ofDays(30),
        DurationText.parseWithin("duration", "30d", Duration.ofSeconds(1), Duration.ofDays(30)));
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                DurationText.parseWithin(
                    "duration", "999999999d", Duration.ofSeconds(1), Duration.ofDays(30)));
    assertEquals("duration must be between 1s and 30d, not '999999999d'", e.getMessage());
    assertThrows(
        ApiException.class,
        () -> DurationText.parseWithin("every", "9s", Duration.ofSeconds(10), Duration.ofDays(1)));
  }

  @Test
  void formatsInTheLargestExactUnit() {
    assertEquals("0s", DurationText.format(Duration.ZERO));
    assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
    assertEquals("2m", DurationText.format(Duration.ofMinutes(2)));
    assertEquals("36h", DurationText.format(Duration.ofHours(36)));
    assertEquals("90d", DurationText.format(Duration.ofDays(90)));
  }

  @Test
  void rejectsOtherSpellingsNamingTheField() {
    ApiException e =
        assertThrows(ApiException.class, () -> DurationText.parse("query.window", "5 minutes"));
    assertEquals(
        "query.window must be a duration like 30s, 5m, 1h or 7d, not '5 minutes'", e.getMessage());
    assertThrows(ApiException.class, () -> DurationText.parse("f", "1w"));
    assertThrows(ApiException.class, () -> DurationText.parse("f", null));
  }
}
