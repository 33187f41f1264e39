package dev.appmetrics.query.sql;

import dev.appmetrics.common.clickhouse.ClickHouseException;
import dev.appmetrics.common.error.ErrorResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * ClickHouse's refusals in the common error shape: a result over the row limit or a statement over the per-query
 * memory limit is the request's fault (400), a server short of memory as a whole is 503 with Retry-After, a timeout
 * is 504, anything else 502. ClickHouse's own text stays in the log, not in the answer. An organization over its
 * share of statements is 429 with Retry-After.
 */
public class ClickHouseErrors {

  private static final Logger LOG = Logger.getLogger(ClickHouseErrors.class);
  private static final int TIMEOUT_EXCEEDED = 159;
  private static final int TOO_MANY_ROWS = 158;
  private static final int MEMORY_LIMIT_EXCEEDED = 241;
  private static final int TOO_MANY_ROWS_OR_BYTES = 396;

  /** How long a client waits before retrying when the server as a whole was short of memory. */
  private static final int MEMORY_RETRY_AFTER_SECONDS = 5;

  @ServerExceptionMapper
  public Response clickHouse(ClickHouseException e) {
    int code = e.code().orElse(-1);
    if (code == TOO_MANY_ROWS || code == TOO_MANY_ROWS_OR_BYTES) {
      return json(
              400,
              "result_too_large",
              "The answer has too many rows: narrow the time range or filter, or set a limit on group-bys")
          .build();
    }
    // "Memory limit (for query) exceeded" is this statement's own limit; "(total)" or "(for user)"
    // the server's.
    if (code == MEMORY_LIMIT_EXCEEDED && e.getMessage().contains("(for query)")) {
      return json(
              400,
              "query_memory_exceeded",
              "The query needs more memory than one query may use: narrow the "
                  + "time range, the filter or the group-by")
          .build();
    }
    LOG.errorf("ClickHouse failed a query: %s", e.getMessage());
    if (code == MEMORY_LIMIT_EXCEEDED) {
      return json(503, "clickhouse_busy", "ClickHouse is short of memory; retry in a few seconds")
          .header(HttpHeaders.RETRY_AFTER, MEMORY_RETRY_AFTER_SECONDS)
          .build();
    }
    if (code == TIMEOUT_EXCEEDED) {
      return json(504, "query_timeout", "The query took longer than the server's limit").build();
    }
    return json(
            502, "clickhouse_error", "ClickHouse could not answer; the server log has the details")
        .build();
  }

  @ServerExceptionMapper
  public Response tooManyStatements(TooManyStatementsException e) {
    return Response.status(429)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(e.toResponse())
        .header(HttpHeaders.RETRY_AFTER, TooManyStatementsException.RETRY_AFTER_SECONDS)
        .build();
  }

  private static Response.ResponseBuilder json(int status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(status, code, message));
  }
}
