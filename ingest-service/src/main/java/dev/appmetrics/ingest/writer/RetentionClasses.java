package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.retention.Retention;
import java.util.OptionalLong;

/**
 * The retention classes each row is stamped with when it is written: its project's, as published on projects.config,
 * read from the record's key (the project id, see EventPublisher). A change of a project's classes applies to rows
 * written after it; rows already stored keep the classes, and so the partitions, they were written with.
 */
record RetentionClasses(CredentialStore projects) {

  int ofRecordKey(String key) {
    OptionalLong project = projectId(key);
    return project.isPresent() ? projects.retentionDays(project.getAsLong()) : Retention.DEFAULT_DAYS;
  }

  int downsampledOfRecordKey(String key) {
    OptionalLong project = projectId(key);
    return project.isPresent() ? projects.downsampledRetentionDays(project.getAsLong())
        : Retention.DOWNSAMPLED_DEFAULT_DAYS;
  }

  private static OptionalLong projectId(String key) {
    try {
      return key == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(key));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
