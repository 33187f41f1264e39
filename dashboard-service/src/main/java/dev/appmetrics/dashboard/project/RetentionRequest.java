package dev.appmetrics.dashboard.project;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.retention.Retention;

/**
 * A project's new retention classes in days: {@code days} one of {@link Retention#ALLOWED_DAYS},
 * {@code downsampledDays} one of {@link Retention#ALLOWED_DOWNSAMPLED_DAYS} and not shorter; a class left out keeps
 * the project's current one.
 */
public record RetentionRequest(Integer days, Integer downsampledDays) {

  /** The classes to store, given the project's current ones. */
  public RetentionRequest validated(int currentDays, int currentDownsampledDays) {
    if (days == null && downsampledDays == null) {
      throw ApiException.badRequest(
          "days",
          "Give 'days' (one of "
              + Retention.ALLOWED_DAYS
              + "), 'downsampledDays' "
              + "(one of "
              + Retention.ALLOWED_DOWNSAMPLED_DAYS
              + ") or both");
    }
    if (days != null && !Retention.allowed(days)) {
      throw ApiException.badRequest(
          "days", "'days' must be one of " + Retention.ALLOWED_DAYS + ", not " + days);
    }
    if (downsampledDays != null && !Retention.ALLOWED_DOWNSAMPLED_DAYS.contains(downsampledDays)) {
      throw ApiException.badRequest(
          "downsampledDays",
          "'downsampledDays' must be one of "
              + Retention.ALLOWED_DOWNSAMPLED_DAYS
              + ", not "
              + downsampledDays);
    }
    int newDays = days == null ? currentDays : days;
    int newDownsampledDays = downsampledDays == null ? currentDownsampledDays : downsampledDays;
    if (newDownsampledDays < newDays) {
      throw ApiException.badRequest(
          "downsampledDays",
          "'downsampledDays' ("
              + newDownsampledDays
              + ") must not be shorter than 'days' ("
              + newDays
              + ")");
    }
    return new RetentionRequest(newDays, newDownsampledDays);
  }
}
