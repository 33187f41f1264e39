package dev.appmetrics.monitor.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChangeDetectionTests {

  private final ChangeDetection growth =
      new ChangeDetection(Direction.ABOVE, 50.0, 100.0, null, "1h").validated();

  @Test
  void doublingIsAHundredPercentGrowth() {
    // 100 -> 201 is +101%, over the critical level of 100%.
    Verdict verdict = growth.judge(201.0, 100.0, "millisecond");
    assertEquals(Severity.CRITICAL, verdict.severity());
    assertEquals(201.0, verdict.value());
  }

  @Test
  void sixtyPercentGrowthIsAWarning() {
    assertEquals(Severity.WARNING, growth.judge(160.0, 100.0, "millisecond").severity());
  }

  @Test
  void smallGrowthClears() {
    assertEquals(Condition.CLEAR, growth.judge(120.0, 100.0, "millisecond").condition());
  }

  @Test
  void dropIsMeasuredAgainstTheAbsolutePreviousValue() {
    ChangeDetection drop =
        new ChangeDetection(Direction.BELOW, -30.0, -60.0, null, "1d").validated();
    assertEquals(Severity.WARNING, drop.judge(60.0, 100.0, "millisecond").severity());
    assertEquals(Severity.CRITICAL, drop.judge(30.0, 100.0, "millisecond").severity());
    // From -100 to -50 is +50%, not a drop.
    assertEquals(Condition.CLEAR, drop.judge(-50.0, -100.0, "millisecond").condition());
  }

  @Test
  void previousZeroOrMissingIsNoData() {
    assertEquals(Condition.NO_DATA, growth.judge(10.0, 0.0, "millisecond").condition());
    assertEquals(Condition.NO_DATA, growth.judge(10.0, null, "millisecond").condition());
    assertEquals(Condition.NO_DATA, growth.judge(null, 10.0, "millisecond").condition());
  }

  @Test
  void comparesWithOneDayEarlierByDefault() {
    ChangeDetection defaulted =
        new ChangeDetection(Direction.ABOVE, 10.0, null, null, null).validated();
    assertEquals(Duration.ofDays(1), defaulted.offset());
  }

  @Test
  void rejectsMalformedOffset() {
    assertThrows(
        ApiException.class,
        () -> new ChangeDetection(Direction.ABOVE, 10.0, null, null, "1 week").validated());
  }
}
