package dev.appmetrics.monitor.query;

/**
 * query-service did not answer a monitor's query. {@code rejected} says it refused the query itself (4xx: the monitor
 * is misconfigured, asking again will not help); otherwise it was unavailable, slow or failing.
 */
public class QueryFailedException extends RuntimeException {

  private final boolean rejected;

  public QueryFailedException(String message, boolean rejected, Throwable cause) {
    super(message, cause);
    this.rejected = rejected;
  }

  public boolean rejected() {
    return rejected;
  }
}
