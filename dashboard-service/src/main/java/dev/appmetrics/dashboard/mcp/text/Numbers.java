package dev.appmetrics.dashboard.mcp.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as an assistant reads them: no exponent, no float noise, "-" for no value. */
public final class Numbers {

  private Numbers() {}

  public static String format(Double value) {
    if (value == null || value.isNaN()) {
      return "-";
    }
    if (value.isInfinite()) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    int scale = magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 6;
    return BigDecimal.valueOf(value)
        .setScale(scale, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A change in percent of {@code before}, or "n/a" when before is 0 or missing. */
  public static String percentChange(Double before, Double after) {
    if (before == null || after == null || before == 0) {
      return "n/a";
    }
    double percent = (after - before) / Math.abs(before) * 100;
    return (percent >= 0 ? "+" : "")
        + BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP).toPlainString()
        + "%";
  }
}
