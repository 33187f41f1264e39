package dev.appmetrics.dashboard.paging;

import java.util.List;

/** One page of a list, with the total that matched so a client can page through it. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  public static final int MAX_LIMIT = 200;

  /** Clamps what a client asked for to a valid window. */
  public static int clampLimit(int limit) {
    return Math.min(Math.max(1, limit), MAX_LIMIT);
  }

  public static int clampOffset(int offset) {
    return Math.max(0, offset);
  }
}
