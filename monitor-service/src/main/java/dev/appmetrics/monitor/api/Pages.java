package dev.appmetrics.monitor.api;

import dev.appmetrics.common.error.ApiException;

/** Checks the page and size query parameters of list endpoints. */
public final class Pages {

  public static final int MAX_SIZE = 200;

  private Pages() {}

  public static int page(int page) {
    if (page < 0) {
      throw ApiException.badRequest("page starts at 0");
    }
    return page;
  }

  public static int size(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE);
    }
    return size;
  }
}
