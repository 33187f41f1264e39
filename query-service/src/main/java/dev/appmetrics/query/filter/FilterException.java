package dev.appmetrics.query.filter;

/** A malformed filter; {@code position} is 1-based in the filter text (or 0 for the structured form). */
public class FilterException extends RuntimeException {

  private final int position;

  public FilterException(String message, int position) {
    super(message);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
