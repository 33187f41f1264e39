package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.retention.Retention;

/**
 * The retention class each row is stamped with when it is written: its project's, as published on projects.config,
 * read from the record's key (the project id, see EventPublisher). A change of a project's class applies to rows
 * written after it; rows already stored keep the class, and so the partition, they were written with.
 */
record RetentionClasses(CredentialStore projects) {

  int ofRecordKey(String key) {
    try {
      return key == null ? Retention.DEFAULT_DAYS : projects.retentionDays(Long.parseLong(key));
    } catch (NumberFormatException e) {
      return Retention.DEFAULT_DAYS;
    }
  }
}
