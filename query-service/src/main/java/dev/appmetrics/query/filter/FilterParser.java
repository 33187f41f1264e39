package dev.appmetrics.query.filter;

import dev.appmetrics.query.filter.Filter.Operator;
import dev.appmetrics.query.parsing.RecursiveDescentParser;
import dev.appmetrics.query.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentry's search syntax: {@code key:value}, {@code !key:value}, {@code key:[a,b]}, {@code key:"quoted \" value"},
 * {@code has:key}, {@code !has:key}, {@code key:<n} / {@code <=} / {@code >} / {@code >=} on numbers,
 * {@code value:<100} on the metric's value, {@code key:prefix*} and {@code key:*part*} on strings (a quoted value has
 * no wildcard); terms side by side mean AND; {@code AND}, {@code OR} and parentheses
 * as usual (AND binds tighter). Errors name the 1-based position in the text. Length and nesting are checked while
 * reading, terms and values on the parsed filter, as for the JSON form ({@link FilterLimits}).
 */
public final class FilterParser extends RecursiveDescentParser<FilterException> {

  private FilterParser(String text) {
    super(text);
  }

  public static Filter parse(String text) {
    if (text == null || text.isBlank()) {
      return new Filter.All();
    }
    if (text.length() > FilterLimits.MAX_LENGTH) {
      throw new FilterException(
          "is longer than " + FilterLimits.MAX_LENGTH + " characters", FilterLimits.MAX_LENGTH + 1);
    }
    FilterParser parser = new FilterParser(text);
    Filter filter = parser.or();
    parser.skipSpaces();
    if (parser.pos < text.length()) {
      throw parser.error(
          text.charAt(parser.pos) == ')'
              ? "unbalanced ')'"
              : "unexpected '" + text.charAt(parser.pos) + "'");
    }
    return filter;
  }

  private Filter or() {
    List<Filter> operands = new ArrayList<>();
    operands.add(and());
    while (keyword("OR")) {
      operands.add(and());
    }
    return Filter.or(operands);
  }

  private Filter and() {
    List<Filter> operands = new ArrayList<>();
    operands.add(unary());
    while (true) {
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) == ')' || peekKeyword("OR")) {
        return Filter.and(operands);
      }
      keyword("AND");
      operands.add(unary());
    }
  }

  private Filter unary() {
    skipSpaces();
    if (pos >= text.length()) {
      throw error("expected a term");
    }
    if (text.charAt(pos) == '(') {
      return parenthesised(FilterLimits.MAX_DEPTH, this::or);
    }
    return term();
  }

  private Filter term() {
    boolean negated = text.charAt(pos) == '!';
    if (negated) {
      pos++;
    }
    int keyStart = pos;
    while (pos < text.length()
        && !Character.isWhitespace(text.charAt(pos))
        && ":()\"!".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String key = text.substring(keyStart, pos);
    if (key.isEmpty()) {
      throw error("expected an attribute key");
    }
    if (key.length() > FilterLimits.MAX_KEY_LENGTH) {
      throw new FilterException(
          "key longer than " + FilterLimits.MAX_KEY_LENGTH + " characters", keyStart + 1);
    }
    if (pos >= text.length() || text.charAt(pos) != ':') {
      throw error("expected ':' after '" + key + "'");
    }
    pos++;
    Filter filter;
    if (key.equals("has")) {
      int at = pos;
      String attribute = value(false);
      if (attribute.isEmpty() || attribute.length() > FilterLimits.MAX_KEY_LENGTH) {
        throw new FilterException("expected an attribute key after 'has:'", at + 1);
      }
      filter = new Filter.Has(attribute);
    } else {
      filter = comparison(key);
    }
    return negated ? new Filter.Not(filter) : filter;
  }

  private Filter comparison(String key) {
    Operator operator = operator();
    if (operator != null) {
      int at = pos;
      double number = number(value(false), at);
      return key.equals(Filter.VALUE)
          ? new Filter.ValueCompare(operator, number)
          : new Filter.Compare(key, operator, number);
    }
    List<String> values = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    if (pos < text.length() && text.charAt(pos) == '[') {
      do {
        pos++;
        skipSpaces();
        positions.add(pos);
        values.add(value(true));
        skipSpaces();
        if (pos >= text.length() || ",]".indexOf(text.charAt(pos)) < 0) {
          throw error("expected ',' or ']' in the list");
        }
      } while (text.charAt(pos) == ',');
      pos++;
    } else {
      positions.add(pos);
      values.add(value(false));
    }
    List<String> exact = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      boolean quoted = text.startsWith("\"", positions.get(i));
      // An empty value only when written as "".
      if (values.get(i).isEmpty() && !quoted) {
        throw new FilterException("expected a value after '" + key + ":'", positions.get(i) + 1);
      }
      (quoted || !values.get(i).contains("*") ? exact : patterns).add(values.get(i));
    }
    if (key.equals(Filter.VALUE)) {
      List<Double> numbers = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        numbers.add(number(values.get(i), positions.get(i)));
      }
      return numbers.size() == 1
          ? new Filter.ValueCompare(Operator.EQ, numbers.get(0))
          : new Filter.ValueIn(numbers);
    }
    return Filter.equalsOrMatches(key, exact, patterns);
  }

  /** The two-character operators are tried first, so {@code <=} is not read as {@code <}. */
  private Operator operator() {
    for (Operator operator : List.of(Operator.LTE, Operator.GTE, Operator.LT, Operator.GT)) {
      if (text.startsWith(operator.sql(), pos)) {
        pos += operator.sql().length();
        return operator;
      }
    }
    return null;
  }

  /** A quoted string, or unquoted text up to whitespace or a parenthesis (a list item: up to ',' or ']'). */
  private String value(boolean listItem) {
    if (pos < text.length() && text.charAt(pos) == '"') {
      return quoted();
    }
    int start = pos;
    while (pos < text.length()
        && (listItem
            ? ",]".indexOf(text.charAt(pos)) < 0
            : !Character.isWhitespace(text.charAt(pos)) && "()".indexOf(text.charAt(pos)) < 0)) {
      pos++;
    }
    return listItem ? text.substring(start, pos).strip() : text.substring(start, pos);
  }

  private String quoted() {
    int start = pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        out.append(text.charAt(pos++));
      } else {
        out.append(c);
      }
    }
    throw new FilterException("unterminated quoted value", start + 1);
  }

  private static double number(String value, int at) {
    try {
      double number = Double.parseDouble(value);
      if (!value.isBlank() && value.strip().chars().noneMatch(Character::isLetter)) {
        if (Sql.writable(number)) {
          return number;
        }
        throw new FilterException(
            "expected "
                + Sql.WRITABLE_NUMBER
                + " but found '"
                + FilterException.abbreviate(value)
                + "'",
            at + 1);
      }
    } catch (NumberFormatException e) {
      // reported below with the position
    }
    throw new FilterException(
        "expected a number but found '" + FilterException.abbreviate(value) + "'", at + 1);
  }

  private boolean peekKeyword(String word) {
    return text.startsWith(word, pos)
        && (pos + word.length() == text.length()
            || Character.isWhitespace(text.charAt(pos + word.length()))
            || text.charAt(pos + word.length()) == '(');
  }

  private boolean keyword(String word) {
    skipSpaces();
    if (peekKeyword(word)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  @Override
  protected FilterException error(String message, int position) {
    return new FilterException(message, position);
  }
}
