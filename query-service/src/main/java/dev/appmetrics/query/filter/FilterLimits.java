package dev.appmetrics.query.filter;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.sql.Sql;
import java.util.List;

/**
 * The limits every filter meets, written in the search syntax or as JSON, so neither form sends ClickHouse more than
 * the other: 4,096 characters, 32 levels of nesting, 50 terms and 1,000 values. Terms are what costs: ClickHouse
 * 18.16 takes time growing with the square of the distinct terms of a statement to analyse it before reading
 * anything (about 0.1 s for 10 terms, 0.7 s for 50, 1.4 s for 100 and 4 s for 200 on the 2-core test machine under
 * load), while values are cheap (an {@code in} of 300 values costs what one term does). Filters that share a
 * statement stay within the same limits together.
 */
public final class FilterLimits {

  /** Characters of filter text; for the JSON form, of its keys and values (numbers as written into SQL). */
  public static final int MAX_LENGTH = 4096;

  /** Parentheses in the search syntax; nested and, or and not in the JSON form. */
  public static final int MAX_DEPTH = 32;

  public static final int MAX_TERMS = 50;

  /** Values of every list together; a term of one value counts one. */
  public static final int MAX_VALUES = 1000;

  public static final int MAX_KEY_LENGTH = 200;

  private FilterLimits() {}

  /** What a filter (or several together) holds, as the limits count it. */
  public record Size(int terms, int values, int characters) {

    public static final Size NONE = new Size(0, 0, 0);

    public static Size of(Filter filter) {
      if (filter instanceof Filter.And and) {
        return sum(and.operands());
      }
      if (filter instanceof Filter.Or or) {
        return sum(or.operands());
      }
      if (filter instanceof Filter.Not not) {
        return of(not.operand());
      }
      if (filter instanceof Filter.Has has) {
        return new Size(1, 0, has.key().length());
      }
      if (filter instanceof Filter.Equals equals) {
        return new Size(
            1,
            equals.values().size(),
            equals.key().length() + equals.values().stream().mapToInt(String::length).sum());
      }
      if (filter instanceof Filter.Wildcard wildcard) {
        return new Size(1, 1, wildcard.key().length() + wildcard.pattern().length());
      }
      if (filter instanceof Filter.Compare compare) {
        return new Size(1, 1, compare.key().length() + Sql.number(compare.number()).length());
      }
      if (filter instanceof Filter.ValueCompare value) {
        return new Size(1, 1, Filter.VALUE.length() + Sql.number(value.number()).length());
      }
      if (filter instanceof Filter.ValueIn in) {
        return new Size(
            1,
            in.numbers().size(),
            Filter.VALUE.length()
                + in.numbers().stream().mapToInt(n -> Sql.number(n).length()).sum());
      }
      return NONE;
    }

    private static Size sum(List<Filter> filters) {
      return filters.stream().map(Size::of).reduce(NONE, Size::plus);
    }

    public Size plus(Size other) {
      return new Size(terms + other.terms, values + other.values, characters + other.characters);
    }

    /** What goes beyond the limits ("has 150 terms; at most 100"), or null within them. */
    public String excess() {
      if (terms > MAX_TERMS) {
        return "has " + terms + " terms; at most " + MAX_TERMS;
      }
      if (values > MAX_VALUES) {
        return "has " + values + " values; at most " + MAX_VALUES;
      }
      if (characters > MAX_LENGTH) {
        return "has " + characters + " characters of keys and values; at most " + MAX_LENGTH;
      }
      return null;
    }
  }

  /** A 400 naming the field when the filter goes beyond the limits. */
  public static Filter check(Filter filter, String field) {
    String excess = Size.of(filter).excess();
    if (excess != null) {
      throw ApiException.badRequest(field, field + " " + excess);
    }
    return filter;
  }
}
