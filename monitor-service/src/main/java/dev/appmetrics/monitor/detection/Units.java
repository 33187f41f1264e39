package dev.appmetrics.monitor.detection;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values as a person reads them, in the unit query-service answers for a series (the metric's own, Sentry's names):
 * {@code 430.69599999999997} milliseconds is "430.7 ms", 2100 milliseconds "2.1 s", 2120.4 "2.12 s", 1.2e9 bytes
 * "1.2 GB". A duration or
 * a size moves to the largest unit it fills at least once; other units are written after the number as they are.
 */
public final class Units {

  private record Scale(String symbol, double factor) {}

  private static final Scale NS = new Scale("ns", 1);
  private static final Scale US = new Scale("µs", 1e3);
  private static final Scale MS = new Scale("ms", 1e6);
  private static final Scale S = new Scale("s", 1e9);
  private static final Scale MIN = new Scale("min", 60e9);
  private static final Scale H = new Scale("h", 3_600e9);
  private static final Scale D = new Scale("d", 86_400e9);
  private static final Scale W = new Scale("w", 604_800e9);

  /** Each family in its base unit (nanoseconds, bytes), largest first. */
  private static final List<Scale> DURATIONS = List.of(W, D, H, MIN, S, MS, US, NS);

  private static final List<Scale> DECIMAL_BYTES =
      List.of(
          new Scale("PB", 1e15),
          new Scale("TB", 1e12),
          new Scale("GB", 1e9),
          new Scale("MB", 1e6),
          new Scale("kB", 1e3),
          new Scale("B", 1));
  private static final List<Scale> BINARY_BYTES =
      List.of(
          new Scale("PiB", Math.pow(1024, 5)),
          new Scale("TiB", Math.pow(1024, 4)),
          new Scale("GiB", Math.pow(1024, 3)),
          new Scale("MiB", Math.pow(1024, 2)),
          new Scale("KiB", 1024),
          new Scale("B", 1));

  /** Sentry's unit names: the scale each is and the family it moves within. */
  private static final Map<String, Scale> UNITS =
      Map.ofEntries(
          Map.entry("nanosecond", NS),
          Map.entry("microsecond", US),
          Map.entry("millisecond", MS),
          Map.entry("second", S),
          Map.entry("minute", MIN),
          Map.entry("hour", H),
          Map.entry("day", D),
          Map.entry("week", W),
          Map.entry("byte", DECIMAL_BYTES.get(5)),
          Map.entry("kilobyte", DECIMAL_BYTES.get(4)),
          Map.entry("megabyte", DECIMAL_BYTES.get(3)),
          Map.entry("gigabyte", DECIMAL_BYTES.get(2)),
          Map.entry("terabyte", DECIMAL_BYTES.get(1)),
          Map.entry("petabyte", DECIMAL_BYTES.get(0)),
          Map.entry("kibibyte", BINARY_BYTES.get(4)),
          Map.entry("mebibyte", BINARY_BYTES.get(3)),
          Map.entry("gibibyte", BINARY_BYTES.get(2)),
          Map.entry("tebibyte", BINARY_BYTES.get(1)),
          Map.entry("pebibyte", BINARY_BYTES.get(0)));

  private Units() {}

  /** "430.7 ms", "2.1 s", "1.2 GB", "12.5%", "1234"; "no data" for null. */
  public static String format(Double value, String unit) {
    if (value == null) {
      return "no data";
    }
    String name = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
    Scale own = UNITS.get(name);
    if (own != null) {
      List<Scale> family =
          DURATIONS.contains(own)
              ? DURATIONS
              : name.endsWith("ibyte") ? BINARY_BYTES : DECIMAL_BYTES;
      return scaled(value * own.factor(), own, family);
    }
    return switch (name) {
      case "", "none" -> number(value);
      case "percent" -> number(value) + "%";
      case "ratio" -> number(value * 100) + "%";
      default -> number(value) + " " + unit.strip();
    };
  }

  /** A percent change with its sign: "+57.3%", "-30%". */
  public static String percent(double percent) {
    return (percent > 0 ? "+" : "") + number(percent) + "%";
  }

  /**
   * One decimal from 100 up, two from 1 up (trailing zeros dropped), three significant digits below 1: enough to tell
   * a value from a level, and 2.05 s from 2.12 s, without the binary noise of a double.
   */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    double magnitude = Math.abs(value);
    BigDecimal decimal =
        magnitude >= 1 || value == 0
            ? BigDecimal.valueOf(value).setScale(magnitude >= 100 ? 1 : 2, RoundingMode.HALF_UP)
            : BigDecimal.valueOf(value).round(new MathContext(3));
    String text = decimal.stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /** Zero stays in the metric's own unit: no scale fits it better. */
  private static String scaled(double base, Scale own, List<Scale> scales) {
    if (base == 0) {
      return "0 " + own.symbol();
    }
    for (Scale scale : scales) {
      if (Math.abs(base) >= scale.factor()) {
        return number(base / scale.factor()) + " " + scale.symbol();
      }
    }
    Scale smallest = scales.get(scales.size() - 1);
    return number(base / smallest.factor()) + " " + smallest.symbol();
  }
}
