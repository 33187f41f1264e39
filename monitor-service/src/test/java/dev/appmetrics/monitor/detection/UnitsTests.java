package dev.appmetrics.monitor.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTests {

  @Test
  void durationsMoveToTheLargestUnitTheyFill() {
    assertEquals("430.7 ms", Units.format(430.69599999999997, "millisecond"));
    assertEquals("2.1 s", Units.format(2100.0, "millisecond"));
    assertEquals("2.12 s", Units.format(2120.4, "millisecond"));
    assertEquals("2.05 s", Units.format(2050.0, "millisecond"));
    assertEquals("500 ms", Units.format(500.0, "millisecond"));
    assertEquals("1.5 min", Units.format(90.0, "second"));
    assertEquals("12 µs", Units.format(0.012, "millisecond"));
    assertEquals("3 h", Units.format(10_800.0, "second"));
  }

  @Test
  void sizesInDecimalAndBinaryUnits() {
    assertEquals("1.2 GB", Units.format(1.2e9, "byte"));
    assertEquals("1.5 MB", Units.format(1500.0, "kilobyte"));
    assertEquals("2 GiB", Units.format(2048.0, "mebibyte"));
  }

  @Test
  void otherUnitsFollowTheNumberAndNoneIsABareNumber() {
    assertEquals("1234", Units.format(1234.0, null));
    assertEquals("0.333", Units.format(1 / 3.0, ""));
    assertEquals("12.5%", Units.format(12.5, "percent"));
    assertEquals("25%", Units.format(0.25, "ratio"));
    assertEquals("3 request", Units.format(3.0, "request"));
    assertEquals("no data", Units.format(null, "millisecond"));
    assertEquals("0 ms", Units.format(0.0, "millisecond"));
    assertEquals("-1.5 s", Units.format(-1500.0, "millisecond"));
  }

  @Test
  void percentChangesCarryTheirSign() {
    assertEquals("+57.3%", Units.percent(57.2999));
    assertEquals("-30%", Units.percent(-30.0));
    assertEquals("0%", Units.percent(0.0));
  }
}
