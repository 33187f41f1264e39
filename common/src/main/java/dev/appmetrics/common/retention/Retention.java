package dev.appmetrics.common.retention;

import java.util.List;

/**
 * How long a project's events are kept: one of a few fixed classes of days. Every row carries its class
 * ({@code retention_days}) and tables are partitioned by (retention_days, week), so each class and week is a partition
 * and expiry is dropping whole partitions. The classes are few because each one multiplies the partitions.
 */
public final class Retention {

  public static final int DEFAULT_DAYS = 30;

  /** The downsampled tiers (docs/query.md, Tiers) answer long ranges, so they are kept longer: a year and a month. */
  public static final int DOWNSAMPLED_DEFAULT_DAYS = 396;

  /** The classes a project may choose; each costs a partition per week of data kept. */
  public static final List<Integer> ALLOWED_DAYS = List.of(7, 14, 30, 60, 90, 180, 365);

  /** The classes of the downsampled tiers; a project's is never shorter than its full-resolution class. */
  public static final List<Integer> ALLOWED_DOWNSAMPLED_DAYS = List.of(30, 90, 180, 396);

  /**
   * Days beyond a class that a row may still be there: a weekly partition is dropped once its newest possible row
   * is older than the class, and the server's time zone (which {@code toMonday} uses) may shift the week by a day.
   */
  public static final int PARTITION_SLACK_DAYS = 8;

  private Retention() {}

  /** A stored or published class, with 0 (a row or grant written before retention existed) read as the default. */
  public static int orDefault(int days) {
    return days <= 0 ? DEFAULT_DAYS : days;
  }

  /** The same for the downsampled tiers' class. */
  public static int downsampledOrDefault(int days) {
    return days <= 0 ? DOWNSAMPLED_DEFAULT_DAYS : days;
  }

  public static boolean allowed(int days) {
    return ALLOWED_DAYS.contains(days);
  }
}
