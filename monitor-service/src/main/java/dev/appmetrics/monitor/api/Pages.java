package dev.appmetrics.monitor.api;

/** Checks the page and size query parameters of list endpoints. */
public final class Pages {

  public static final int MAX_SIZE = 200;

  /** The page's first row (page × size) must be an int: a larger page overflowed into a negative offset. */
  public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

  private Pages() {}

  public static int page(int page) {
    if (page < 0 || page > MAX_PAGE) {
      throw Problems.of("page", "page must be between 0 and " + MAX_PAGE);
    }
    return page;
  }

  public static int size(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw Problems.of("size", "size must be between 1 and " + MAX_SIZE);
    }
    return size;
  }
}
