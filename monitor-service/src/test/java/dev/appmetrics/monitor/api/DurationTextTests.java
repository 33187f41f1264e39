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
    assertEquals("window must be a positive duration like 30s, 5m, 1h or 7d, not '0m'", e.getMessage());
  }

  @Test
  void rejectsOtherSpellingsNamingTheField() {
    ApiException e = assertThrows(ApiException.class, () -> DurationText.parse("query.window", "5 minutes"));
    assertEquals("query.window must be a duration like 30s, 5m, 1h or 7d, not '5 minutes'", e.getMessage());
    assertThrows(ApiException.class, () -> DurationText.parse("f", "1w"));
    assertThrows(ApiException.class, () -> DurationText.parse("f", null));
  }
}
