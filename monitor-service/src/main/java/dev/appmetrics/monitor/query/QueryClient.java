package dev.appmetrics.monitor.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.error.ErrorResponse;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
  private final ObjectMapper json;
  private final String authorization;

  public QueryClient(
      @RestClient QueryRestClient client,
      ObjectMapper json,
      @ConfigProperty(name = "appmetrics.query-service.token") String token) {
    this.client = client;
    this.json = json;
    this.authorization = "Bearer " + token;
  }

  @Timeout(value = 20, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 500, abortOn = RejectedQuery.class)
  @ExponentialBackoff
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = {RejectedQuery.class, QueryBusy.class})
  public Uni<TimeseriesResponse> timeseries(long organizationId, TimeseriesRequest request) {
    return client
        .timeseries(authorization, organizationId, request)
        .onFailure(WebApplicationException.class)
        .transform(this::translate);
  }

  /**
   * Has query-service judge a request as it would run it, without running it: its warnings, or a refusal as a
   * {@link RejectedQuery} carrying query-service's error. Someone saving a monitor waits for it: a shorter timeout, no circuit breaker.
   */
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 200, abortOn = RejectedQuery.class)
  @ExponentialBackoff
  public Uni<ValidationResponse> validate(long organizationId, TimeseriesRequest request) {
    return client
        .validate(authorization, organizationId, request)
        .onFailure(WebApplicationException.class)
        .transform(this::translate);
  }

  /**
   * Events behind a notification. A notification waits for them, so failing fast matters more than insisting: a short
   * timeout, one retry, and the circuit breaker stays with the evaluations.
   */
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200, abortOn = RejectedQuery.class)
  public Uni<SamplesResponse> samples(long organizationId, SamplesRequest request) {
    return client
        .samples(authorization, organizationId, request)
        .onFailure(WebApplicationException.class)
        .transform(this::translate);
  }

  private Throwable translate(Throwable failure) {
    Response response = ((WebApplicationException) failure).getResponse();
    int status = response.getStatus();
    String body;
    try {
      body = response.hasEntity() ? response.readEntity(String.class) : "";
    } catch (RuntimeException unreadable) {
      body = "";
    }
    if (status == 429) {
      return new QueryBusy(
          "query-service is busy with this organization's queries (429): " + body, failure);
    }
    if (status >= 400 && status < 500) {
      return new RejectedQuery(
          status,
          error(body),
          "query-service rejected the monitor's query (" + status + "): " + body,
          failure);
    }
    return new QueryFailedException(
        "query-service failed (" + status + "): " + body, false, failure);
  }

  /** The project's error JSON, or null when the body holds something else. */
  private ErrorResponse error(String body) {
    try {
      ErrorResponse error = json.readValue(body, ErrorResponse.class);
      return error == null || error.message() == null ? null : error;
    } catch (JsonProcessingException notErrorJson) {
      return null;
    }
  }

  /**
   * A 429: the organization has as many statements running as query-service allows it. Retried after a backoff
   * (query-service says to wait a second), and not counted against query-service's health.
   */
  public static class QueryBusy extends QueryFailedException {

    public QueryBusy(String message, Throwable cause) {
      super(message, false, cause);
    }
  }

  /** A 4xx answer other than 429: not retried and not counted against query-service's health. */
  public static class RejectedQuery extends QueryFailedException {

    private final int status;
    private final transient ErrorResponse error;

    public RejectedQuery(int status, ErrorResponse error, String message, Throwable cause) {
      super(message, true, cause);
      this.status = status;
      this.error = error;
    }

    public int status() {
      return status;
    }

    /** query-service's own error (status, code, message, details), when it answered one. */
    public Optional<ErrorResponse> error() {
      return Optional.ofNullable(error);
    }
  }
}
