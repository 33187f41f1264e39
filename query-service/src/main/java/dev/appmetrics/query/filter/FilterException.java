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

  /** A value as an error message quotes it: its first 40 characters. */
  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
