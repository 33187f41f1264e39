package dev.appmetrics.query.filter;

import dev.appmetrics.query.sql.AttributeType;
import dev.appmetrics.query.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A filter as a ClickHouse condition. An attribute is matched in every typed array whose type the written value
 * fits ({@code retries:2} matches the integer 2, the double 2.0 and the string "2"), so an unknown key simply
 * matches nothing. A negation matches events that lack the attribute, as in Sentry.
 */
public final class FilterSql {

  private FilterSql() {}

  public static String condition(Filter filter) {
    if (filter instanceof Filter.All) {
      return "1";
    }
    if (filter instanceof Filter.And and) {
      return and.operands().stream()
          .map(FilterSql::condition)
          .collect(Collectors.joining(" AND ", "(", ")"));
    }
    if (filter instanceof Filter.Or or) {
      return or.operands().stream()
          .map(FilterSql::condition)
          .collect(Collectors.joining(" OR ", "(", ")"));
    }
    if (filter instanceof Filter.Not not) {
      return "NOT " + condition(not.operand());
    }
    if (filter instanceof Filter.Has has) {
      return anyOf(Stream.of(AttributeType.values()).map(type -> type.has(has.key())).toList());
    }
    if (filter instanceof Filter.Equals equals) {
      return equalsCondition(equals);
    }
    if (filter instanceof Filter.Wildcard wildcard) {
      return "("
          + AttributeType.STRING.has(wildcard.key())
          + " AND "
          + AttributeType.STRING.value(wildcard.key())
          + " LIKE "
          + Sql.likePattern(wildcard.pattern())
          + ")";
    }
    if (filter instanceof Filter.Compare compare) {
      String comparison = " " + compare.operator().sql() + " " + Sql.number(compare.number());
      return anyOf(
          Stream.of(AttributeType.INTEGER, AttributeType.DOUBLE)
              .map(
                  type ->
                      type.has(compare.key()) + " AND " + type.value(compare.key()) + comparison)
              .toList());
    }
    if (filter instanceof Filter.ValueCompare value) {
      return "(value " + value.operator().sql() + " " + Sql.number(value.number()) + ")";
    }
    Filter.ValueIn in = (Filter.ValueIn) filter;
    return "(value IN " + Sql.numbers(in.numbers()) + ")";
  }

  private static String equalsCondition(Filter.Equals equals) {
    String key = equals.key();
    List<Long> integers = new ArrayList<>();
    List<Double> doubles = new ArrayList<>();
    List<String> booleans = new ArrayList<>();
    for (String value : equals.values()) {
      integerValue(value).ifPresent(integers::add);
      doubleValue(value).ifPresent(doubles::add);
      if (value.equals("true") || value.equals("false")) {
        booleans.add(value.equals("true") ? "1" : "0");
      }
    }
    List<String> alternatives = new ArrayList<>();
    alternatives.add(in(AttributeType.STRING, key, Sql.strings(equals.values())));
    if (!integers.isEmpty()) {
      alternatives.add(in(AttributeType.INTEGER, key, Sql.integers(integers)));
    }
    if (!doubles.isEmpty()) {
      alternatives.add(in(AttributeType.DOUBLE, key, Sql.numbers(doubles)));
    }
    if (!booleans.isEmpty()) {
      alternatives.add(
          in(
              AttributeType.BOOLEAN,
              key,
              booleans.stream().distinct().collect(Collectors.joining(", ", "(", ")"))));
    }
    return anyOf(alternatives);
  }

  private static String in(AttributeType type, String key, String list) {
    return type.has(key) + " AND " + type.value(key) + " IN " + list;
  }

  private static String anyOf(List<String> alternatives) {
    return alternatives.stream()
        .map(a -> "(" + a + ")")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static Optional<Long> integerValue(String value) {
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Double> doubleValue(String value) {
    if (value.isBlank() || value.chars().anyMatch(Character::isLetter)) {
      return Optional.empty();
    }
    try {
      double number = Double.parseDouble(value);
      return Sql.writable(number) ? Optional.of(number) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
