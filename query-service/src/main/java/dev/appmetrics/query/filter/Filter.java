package dev.appmetrics.query.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed filter, from Sentry's search syntax ({@link FilterParser}) or its structured JSON form
 * ({@link FilterJson}). The key {@value #VALUE} means the metric's own value, every other key an attribute.
 */
public sealed interface Filter {

  String VALUE = "value";

  /** Every event. */
  record All() implements Filter {}

  record And(List<Filter> operands) implements Filter {}

  record Or(List<Filter> operands) implements Filter {}

  record Not(Filter operand) implements Filter {}

  /** The event has the attribute, of any type. */
  record Has(String key) implements Filter {}

  /** {@code key:value} or {@code key:[a,b]}: the attribute equals one of the values (compared by its type). */
  record Equals(String key, List<String> values) implements Filter {}

  /**
   * {@code key:prefix*} or {@code key:*part*}: a string attribute matching the pattern, where each {@code *} stands
   * for any text and every other character for itself ({@code %} and {@code _} too).
   */
  record Wildcard(String key, String pattern) implements Filter {}

  /** {@code key:<n}: a numeric attribute (integer or double) compared with a number. */
  record Compare(String key, Operator operator, double number) implements Filter {}

  /** {@code value:<n}, {@code value:n}, {@code value:[n,m]}: the metric's value. */
  record ValueCompare(Operator operator, double number) implements Filter {}

  record ValueIn(List<Double> numbers) implements Filter {}

  enum Operator {
    LT("<"),
    LTE("<="),
    GT(">"),
    GTE(">="),
    EQ("=");

    private final String sql;

    Operator(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }

  static Filter and(List<Filter> operands) {
    return operands.size() == 1 ? operands.get(0) : new And(List.copyOf(operands));
  }

  static Filter or(List<Filter> operands) {
    return operands.size() == 1 ? operands.get(0) : new Or(List.copyOf(operands));
  }

  /** {@code key:[a,b*]}: the attribute equals one of the exact values or matches one of the patterns. */
  static Filter equalsOrMatches(String key, List<String> exact, List<String> patterns) {
    List<Filter> alternatives = new ArrayList<>();
    if (!exact.isEmpty()) {
      alternatives.add(new Equals(key, List.copyOf(exact)));
    }
    patterns.forEach(pattern -> alternatives.add(new Wildcard(key, pattern)));
    return or(alternatives);
  }
}
