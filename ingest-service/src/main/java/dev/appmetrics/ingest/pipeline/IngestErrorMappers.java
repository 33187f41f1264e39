package dev.appmetrics.ingest.pipeline;

import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.ingest.publish.KafkaUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Rate limits and Kafka outages in the one error shape, with the headers Sentry SDKs act on. */
public class IngestErrorMappers {

  private static final Logger LOG = Logger.getLogger(IngestErrorMappers.class);

  /** Sentry SDKs read X-Sentry-Rate-Limits ("seconds:categories:scope") and back off the trace_metric category. */
  @ServerExceptionMapper
  public Response rateLimited(RateLimitedException e) {
    return Response.status(429)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", e.retryAfterSeconds())
        .header("X-Sentry-Rate-Limits", e.retryAfterSeconds() + ":trace_metric:key")
        .entity(ErrorResponse.of(429, "rate_limited", e.getMessage()))
        .build();
  }

  @ServerExceptionMapper
  public Response kafkaUnavailable(KafkaUnavailableException e) {
    LOG.warn(e.getMessage());
    return Response.status(503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", 1)
        .entity(
            ErrorResponse.of(
                503, "unavailable", "Events could not be stored; nothing was accepted, retry"))
        .build();
  }
}
