package dev.appmetrics.query.sql;

import dev.appmetrics.common.error.ApiException;

/** The organization has as many statements running as it may; the client retries after {@link #RETRY_AFTER_SECONDS}. */
public class TooManyStatementsException extends ApiException {

  public static final int RETRY_AFTER_SECONDS = 1;

  public TooManyStatementsException(int limit) {
    super(
        429,
        "too_many_queries",
        "Your organization already has "
            + limit
            + " queries running in ClickHouse, as "
            + "many as it may at once; retry in "
            + RETRY_AFTER_SECONDS
            + " s");
  }
}
