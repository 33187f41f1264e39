package dev.appmetrics.query.equation;

/** A malformed equation; {@code position} is 1-based in its expression. */
public class EquationException extends RuntimeException {

  private final int position;

  public EquationException(String message, int position) {
    super(message);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
