package dev.appmetrics.dashboard.naming;

import dev.appmetrics.common.error.ApiException;
import java.sql.SQLException;

/** Turns PostgreSQL's unique-constraint error (SQLSTATE 23505), however Hibernate wrapped it, into a 409. */
public final class UniqueViolation {

  private static final String UNIQUE_VIOLATION = "23505";

  private UniqueViolation() {}

  public static Throwable asConflict(Throwable failure, String message) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return new ApiException(409, "conflict", message);
      }
    }
    return failure;
  }
}
