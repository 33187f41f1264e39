package dev.appmetrics.monitor.query;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Monitors' only way to read metrics: query-service with monitor-service's own read-only credential, acting for the
 * monitor's organization. Timeouts keep one slow query from holding an evaluation; retries ride out a restart; the circuit
 * breaker stops hammering a query-service that is down. Failures become {@link QueryFailedException}.
 */
@ApplicationScoped
public class QueryClient {

  private final QueryRestClient client;
  private final String authorization;

  public QueryClient(@RestClient QueryRestClient client,
      @ConfigProperty(name = "appmetrics.query-service.token") String token) {
    this.client = client;
    this.authorization = "Bearer " + token;
  }

  @Timeout(value = 20, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 500, abortOn = RejectedQuery.class)
  @ExponentialBackoff
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
      skipOn = RejectedQuery.class)
  public Uni<TimeseriesResponse> timeseries(long organizationId, TimeseriesRequest request) {
    return client.timeseries(authorization, organizationId, request)
        .onFailure(WebApplicationException.class).transform(QueryClient::translate);
  }

  private static Throwable translate(Throwable failure) {
    Response response = ((WebApplicationException) failure).getResponse();
    int status = response.getStatus();
    String body;
    try {
      body = response.hasEntity() ? response.readEntity(String.class) : "";
    } catch (RuntimeException unreadable) {
      body = "";
    }
    if (status >= 400 && status < 500) {
      return new RejectedQuery("query-service rejected the monitor's query (" + status + "): " + body, failure);
    }
    return new QueryFailedException("query-service failed (" + status + "): " + body, false, failure);
  }

  /** A 4xx answer: not retried and not counted against query-service's health. */
  static class RejectedQuery extends QueryFailedException {
    RejectedQuery(String message, Throwable cause) {
      super(message, true, cause);
    }
  }
}
