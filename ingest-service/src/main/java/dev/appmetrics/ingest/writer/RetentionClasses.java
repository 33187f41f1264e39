package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.retention.Retention;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The retention classes each row is stamped with when it is written: its project's, as published on projects.config,
 * read from the record's key (the project id, see EventPublisher). A change of a project's classes applies to rows
 * written after it; rows already stored keep the classes, and so the partitions, they were written with.
 */
record RetentionClasses(CredentialStore projects) {

  /** A row's classes: full resolution, and its downsampled tiers'. */
  record Classes(int days, int downsampledDays) {}

  private static final Classes DEFAULTS =
      new Classes(Retention.DEFAULT_DAYS, Retention.DOWNSAMPLED_DEFAULT_DAYS);

  /**
   * A lookup for the rows of one insert, which reads each project's classes once: a batch holds few projects, and
   * parsing the key and reading the shared store for every row cost more than copying the row (a profile had it at 5 %
   * of ingest-service's CPU).
   */
  Function<String, Classes> forOneInsert() {
    Map<String, Classes> byKey = new HashMap<>();
    return key -> byKey.computeIfAbsent(key, this::ofRecordKey);
  }

  /** The classes of the project the record key names, or the defaults for a key that names none. */
  private Classes ofRecordKey(String key) {
    if (key == null) {
      return DEFAULTS;
    }
    long project;
    try {
      project = Long.parseLong(key);
    } catch (NumberFormatException e) {
      return DEFAULTS;
    }
    return new Classes(projects.retentionDays(project), projects.downsampledRetentionDays(project));
  }
}
