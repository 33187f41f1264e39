package dev.appmetrics.dashboard.upstream;

import dev.appmetrics.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One service behind dashboard-service, reached with the caller's own credentials, so the UI has one origin and
 * the service still decides what the caller may do. Bodies pass through untouched, which keeps each API's contract
 * in the service that owns it.
 */
public class Upstream {

  private static final Logger LOG = Logger.getLogger(Upstream.class);

  /** What the service answered: its status, content type and body as they are. */
  public record Forwarded(int status, String contentType, Buffer body) {}

  private final String name;
  private final String url;
  private final Duration timeout;
  private final WebClient client;

  public Upstream(Vertx vertx, String name, String url, Duration timeout, Duration connectTimeout) {
    this.name = name;
    this.url = url;
    this.timeout = timeout;
    URI base = URI.create(url);
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() < 0 ? 80 : base.getPort())
                .setSsl("https".equals(base.getScheme()))
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(32));
  }

  void close() {
    client.close();
  }

  /**
   * {@code pathAndQuery} starts with /api/v1/; the auth filter has already accepted the caller. Only the caller's
   * Authorization travels on: no other request header (the service-to-service organization header above all).
   */
  public Uni<Forwarded> forward(
      HttpMethod method, String pathAndQuery, String authorization, Buffer body) {
    HttpRequest<Buffer> request =
        client
            .request(method, pathAndQuery)
            .timeout(timeout.toMillis())
            .putHeader("Accept", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    Uni<HttpResponse<Buffer>> sent =
        body == null
            ? request.send()
            : request.putHeader("Content-Type", "application/json").sendBuffer(body);
    return sent.map(
            response ->
                new Forwarded(
                    response.statusCode(),
                    response.getHeader("Content-Type"),
                    response.body() == null ? Buffer.buffer() : response.body()))
        .onFailure()
        .transform(failure -> unreachable(pathAndQuery, failure));
  }

  private ApiException unreachable(String path, Throwable failure) {
    LOG.warnf("%s did not answer %s: %s", name, path, failure.toString());
    if (failure instanceof TimeoutException
        || failure.getClass().getSimpleName().contains("Timeout")) {
      return new ApiException(
          504, "upstream_timeout", name + " did not answer within " + timeout.toSeconds() + " s");
    }
    if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
      return new ApiException(502, "upstream_unavailable", name + " is not reachable at " + url);
    }
    return new ApiException(502, "upstream_unavailable", name + " failed: " + failure.getMessage());
  }
}
