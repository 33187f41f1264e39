package dev.appmetrics.ingest.pipeline;

/** The project sent more than its events per second; nothing of the request was accepted. */
public class RateLimitedException extends RuntimeException {

  private final long retryAfterSeconds;

  public RateLimitedException(long projectId, long retryAfterSeconds) {
    super(
        "Project "
            + projectId
            + " is over its rate limit; retry after "
            + retryAfterSeconds
            + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
