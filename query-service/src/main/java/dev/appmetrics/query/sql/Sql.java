package dev.appmetrics.query.sql;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The one place where values become SQL text. ClickHouse 18.16 has no server-side query parameters, so every
 * literal a request carries (metric names, attribute keys and values, numbers) passes through these functions;
 * identifiers and functions never come from a request: they are constants of the builders in this package.
 */
public final class Sql {

  private Sql() {}

  /** A quoted string literal; backslash and quote are escaped, control characters written as escapes. */
  public static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * A LIKE pattern literal from a wildcard pattern: each {@code *} becomes {@code %}, and LIKE's own {@code %},
   * {@code _} and backslash are escaped so that they match only themselves.
   */
  public static String likePattern(String wildcard) {
    StringBuilder like = new StringBuilder(wildcard.length() + 8);
    for (int i = 0; i < wildcard.length(); i++) {
      char c = wildcard.charAt(i);
      switch (c) {
        case '*' -> like.append('%');
        case '%', '_', '\\' -> like.append('\\').append(c);
        default -> like.append(c);
      }
    }
    return string(like.toString());
  }

  /** What {@link #writable} allows, for messages: "must be " + this. */
  public static final String WRITABLE_NUMBER = "a finite number, 0 or of magnitude at least 1e-300";

  /** Longer plain decimals (1e300 has 301 digits) are written with an exponent, which ClickHouse reads as well. */
  private static final int MAX_PLAIN_LENGTH = 40;

  /**
   * Whether {@link #number} can write the value so that ClickHouse reads it: finite, and 0 or not too close to 0
   * (ClickHouse's parser refuses subnormal numbers like 4.9e-324, and plain decimals with over 300 zeros).
   */
  public static boolean writable(double value) {
    return Double.isFinite(value) && (value == 0 || Math.abs(value) >= 1e-300);
  }

  /** A {@link #writable} number in plain decimal notation, or with an exponent when that would be very long. */
  public static String number(double value) {
    if (!writable(value)) {
      throw new IllegalArgumentException("Not a number ClickHouse reads: " + value);
    }
    BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
    String plain = decimal.toPlainString();
    return plain.length() <= MAX_PLAIN_LENGTH ? plain : decimal.toString();
  }

  public static String integer(long value) {
    return Long.toString(value);
  }

  /** {@code ('a', 'b')}: a list of string literals for IN. */
  public static String strings(Collection<String> values) {
    return values.stream().map(Sql::string).collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code (1, 2)}: a list of integer literals for IN. */
  public static String integers(Collection<Long> values) {
    return values.stream().map(Sql::integer).collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code (1.5, 2)}: a list of number literals for IN. */
  public static String numbers(Collection<Double> values) {
    return values.stream().map(Sql::number).collect(Collectors.joining(", ", "(", ")"));
  }

  /** A Unix time in seconds as a DateTime, time-zone free. */
  public static String dateTime(long epochSeconds) {
    return "toDateTime(" + epochSeconds + ")";
  }
}
