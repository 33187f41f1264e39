package dev.appmetrics.common.retention;

import java.util.List;

/**
 * How long a project's events are kept: one of a few fixed classes of days. Every row carries its class
 * ({@code retention_days}) and tables are partitioned by (retention_days, week), so each class and week is a partition
 * and expiry is dropping whole partitions. The classes are few because each one multiplies the partitions.
 */
public final class Retention {

  public static final int DEFAULT_DAYS = 30;

  /** The classes a project may choose; each costs a partition per week of data kept. */
  public static final List<Integer> ALLOWED_DAYS = List.of(7, 14, 30, 60, 90, 180, 365);

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

  public static boolean allowed(int days) {
    return ALLOWED_DAYS.contains(days);
  }
}
