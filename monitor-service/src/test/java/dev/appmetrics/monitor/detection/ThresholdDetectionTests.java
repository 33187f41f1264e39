package dev.appmetrics.monitor.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import org.junit.jupiter.api.Test;

class ThresholdDetectionTests {

  private final ThresholdDetection above =
      new ThresholdDetection(Direction.ABOVE, 100.0, 200.0, 80.0).validated();
  private final ThresholdDetection below =
      new ThresholdDetection(Direction.BELOW, 10.0, 5.0, 12.0).validated();

  @Test
  void valueOverCriticalIsCritical() {
    Verdict verdict = above.judge(250.0, "millisecond");
    assertEquals(Condition.BREACH, verdict.condition());
    assertEquals(Severity.CRITICAL, verdict.severity());
    assertEquals(250.0, verdict.value());
  }

  @Test
  void valueBetweenWarningAndCriticalIsWarning() {
    assertEquals(Severity.WARNING, above.judge(150.0, "millisecond").severity());
  }

  @Test
  void crossingIsStrictSoTheLevelItselfDoesNotFire() {
    assertEquals(Condition.HOLD, above.judge(100.0, "millisecond").condition());
    assertEquals(Severity.WARNING, above.judge(100.001, "millisecond").severity());
  }

  @Test
  void valueBetweenResolveAndWarningHolds() {
    assertEquals(Condition.HOLD, above.judge(90.0, "millisecond").condition());
  }

  @Test
  void valueAtOrUnderResolveClears() {
    assertEquals(Condition.CLEAR, above.judge(80.0, "millisecond").condition());
    assertEquals(Condition.CLEAR, above.judge(3.0, "millisecond").condition());
  }

  @Test
  void withoutResolveLevelAnythingUnderTheAlertLevelClears() {
    ThresholdDetection noResolve =
        new ThresholdDetection(Direction.ABOVE, null, 200.0, null).validated();
    assertEquals(Condition.CLEAR, noResolve.judge(199.0, "millisecond").condition());
    assertNull(noResolve.judge(199.0, "millisecond").severity());
  }

  @Test
  void belowDirectionFiresUnderTheLevels() {
    assertEquals(Severity.CRITICAL, below.judge(4.0, "millisecond").severity());
    assertEquals(Severity.WARNING, below.judge(7.0, "millisecond").severity());
    assertEquals(Condition.HOLD, below.judge(11.0, "millisecond").condition());
    assertEquals(Condition.CLEAR, below.judge(12.0, "millisecond").condition());
  }

  @Test
  void missingValueIsNoData() {
    assertEquals(Condition.NO_DATA, above.judge(null, "millisecond").condition());
  }

  @Test
  void rejectsCriticalOnTheWrongSideOfWarning() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> new ThresholdDetection(Direction.ABOVE, 200.0, 100.0, null).validated());
    assertEquals("detection.critical must be above the warning level", e.getMessage());
  }

  @Test
  void rejectsResolveLevelBeyondTheAlertLevel() {
    assertThrows(
        ApiException.class,
        () -> new ThresholdDetection(Direction.ABOVE, 100.0, 200.0, 150.0).validated());
    assertThrows(
        ApiException.class,
        () -> new ThresholdDetection(Direction.BELOW, 10.0, 5.0, 8.0).validated());
  }

  @Test
  void rejectsNoLevelAtAll() {
    assertThrows(
        ApiException.class,
        () -> new ThresholdDetection(Direction.ABOVE, null, null, null).validated());
  }

  @Test
  void rejectsBothAsDirectionOfAThreshold() {
    assertThrows(
        ApiException.class,
        () -> new ThresholdDetection(Direction.BOTH, 1.0, null, null).validated());
  }
}
