package dev.appmetrics.query.equation;

import dev.appmetrics.query.parsing.RecursiveDescentParser;

/**
 * {@code + - * /}, parentheses, numeric constants, unary minus and labels ({@code A}..{@code Z} for queries,
 * lowercase identifiers for equations), with the usual precedence. Errors name the 1-based position.
 */
public final class EquationParser extends RecursiveDescentParser<EquationException> {

  public static final int MAX_LENGTH = 1000;
  private static final int MAX_DEPTH = 32;

  private EquationParser(String text) {
    super(text);
  }

  public static Expression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new EquationException("is empty", 1);
    }
    if (text.length() > MAX_LENGTH) {
      throw new EquationException("is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
    }
    EquationParser parser = new EquationParser(text);
    Expression expression = parser.sum();
    parser.skipSpaces();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
    }
    return expression;
  }

  private Expression sum() {
    Expression left = product();
    while (true) {
      skipSpaces();
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        char operator = text.charAt(pos++);
        left = new Expression.Binary(operator, left, product());
      } else {
        return left;
      }
    }
  }

  private Expression product() {
    Expression left = unary();
    while (true) {
      skipSpaces();
      if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
        char operator = text.charAt(pos++);
        left = new Expression.Binary(operator, left, unary());
      } else {
        return left;
      }
    }
  }

  private Expression unary() {
    skipSpaces();
    if (pos >= text.length()) {
      throw error("expected a number, a label or '('");
    }
    char c = text.charAt(pos);
    if (c == '-') {
      pos++;
      return new Expression.Negate(unary());
    }
    if (c == '(') {
      return parenthesised(MAX_DEPTH, this::sum);
    }
    if (Character.isDigit(c) || c == '.') {
      int start = pos;
      while (pos < text.length()
          && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      double value;
      try {
        value = Double.parseDouble(text.substring(start, pos));
      } catch (NumberFormatException e) {
        throw new EquationException("malformed number", start + 1);
      }
      if (!Double.isFinite(value)) {
        throw new EquationException("number too large", start + 1);
      }
      return new Expression.Constant(value);
    }
    if (isLabelStart(c)) {
      int start = pos;
      while (pos < text.length()
          && (isLabelStart(text.charAt(pos))
              || Character.isDigit(text.charAt(pos))
              || text.charAt(pos) == '_')) {
        pos++;
      }
      return new Expression.Label(text.substring(start, pos));
    }
    throw error("expected a number, a label or '(' but found '" + c + "'");
  }

  private static boolean isLabelStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  @Override
  protected EquationException error(String message, int position) {
    return new EquationException(message, position);
  }
}
