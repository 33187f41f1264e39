package dev.appmetrics.query.trace;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.ProjectAccess;
import dev.appmetrics.common.error.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks every trace request shares: its one project, a trace id, a page limit. */
final class TraceRequests {

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 1_000;

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");

  private TraceRequests() {}

  /** The project asked for, which the caller must be allowed to read (403 otherwise; 400 without one). */
  static long project(ProjectAccess access, Caller caller, Long project) {
    return access.require(caller, project == null ? List.of() : List.of(project)).get(0);
  }

  static int limit(Integer requested) {
    int limit = requested == null ? DEFAULT_LIMIT : requested;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("'limit' must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /** Trace ids are 32 hex digits, stored in lower case. */
  static String traceId(String field, String value) {
    if (value == null || !TRACE_ID.matcher(value).matches()) {
      throw ApiException.badRequest("'" + field + "' must be a trace id of 32 hexadecimal digits");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
