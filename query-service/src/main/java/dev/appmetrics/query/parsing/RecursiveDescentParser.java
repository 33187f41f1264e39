package dev.appmetrics.query.parsing;

import java.util.function.Supplier;

/**
 * What the parsers of a query's texts (filters, equations) share: the text, the position read up to, the depth of
 * open parentheses, and errors of the parser's own type that name a 1-based position in the text.
 */
public abstract class RecursiveDescentParser<E extends RuntimeException> {

  protected final String text;
  protected int pos;
  private int depth;

  protected RecursiveDescentParser(String text) {
    this.text = text;
  }

  /** The parser's exception for a message about the text at a 1-based position. */
  protected abstract E error(String message, int position);

  /** An error at the position read up to. */
  protected final E error(String message) {
    return error(message, pos + 1);
  }

  protected final void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /**
   * At an opening parenthesis: what {@code inside} reads, then the closing parenthesis. Nesting deeper than
   * {@code maxDepth} is refused before it is read, so a hostile text cannot exhaust the stack.
   */
  protected final <T> T parenthesised(int maxDepth, Supplier<T> inside) {
    if (++depth > maxDepth) {
      throw error("parentheses nested deeper than " + maxDepth);
    }
    pos++;
    T inner = inside.get();
    skipSpaces();
    if (pos >= text.length() || text.charAt(pos) != ')') {
      throw error("expected ')'");
    }
    pos++;
    depth--;
    return inner;
  }
}
