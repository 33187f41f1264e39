package dev.appmetrics.dashboard.project;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.retention.Retention;

/** A project's new retention class in days: one of {@link Retention#ALLOWED_DAYS}. */
public record RetentionRequest(Integer days) {

  public int validated() {
    if (days == null) {
      throw ApiException.badRequest("days", "'days' is required: one of " + Retention.ALLOWED_DAYS);
    }
    if (!Retention.allowed(days)) {
      throw ApiException.badRequest("days", "'days' must be one of " + Retention.ALLOWED_DAYS + ", not " + days);
    }
    return days;
  }
}
