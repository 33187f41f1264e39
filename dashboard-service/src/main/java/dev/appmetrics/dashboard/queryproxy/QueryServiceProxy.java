package dev.appmetrics.dashboard.queryproxy;

import dev.appmetrics.common.auth.ApiAuthFilter;
import dev.appmetrics.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Forwards the browser's query and catalog calls to query-service with the caller's own credentials, so the UI
 * has one origin and query-service still decides what the caller may read. Bodies pass through untouched, which
 * keeps the query API contract in one place: query-service.
 */
@ApplicationScoped
public class QueryServiceProxy {

  private static final Logger LOG = Logger.getLogger(QueryServiceProxy.class);

  /** What query-service answered: its status, content type and body as they are. */
  public record Forwarded(int status, String contentType, Buffer body) {}

  private final QueryServiceConfig config;
  private final WebClient client;

  public QueryServiceProxy(Vertx vertx, QueryServiceConfig config) {
    this.config = config;
    URI base = URI.create(config.url());
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort() < 0 ? 80 : base.getPort())
        .setSsl("https".equals(base.getScheme()))
        .setConnectTimeout((int) config.connectTimeout().toMillis())
        .setKeepAlive(true)
        .setMaxPoolSize(32));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /** {@code pathAndQuery} starts with /api/v1/; the auth filter has already accepted the caller. */
  public Uni<Forwarded> forward(HttpMethod method, String pathAndQuery, String authorization, String organization,
      Buffer body) {
    HttpRequest<Buffer> request = client.request(method, pathAndQuery)
        .timeout(config.timeout().toMillis())
        .putHeader("Accept", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (organization != null) {
      request.putHeader(ApiAuthFilter.ORGANIZATION_HEADER, organization);
    }
    Uni<HttpResponse<Buffer>> sent = body == null
        ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body);
    return sent
        .map(response -> new Forwarded(response.statusCode(), response.getHeader("Content-Type"),
            response.body() == null ? Buffer.buffer() : response.body()))
        .onFailure().transform(failure -> unreachable(pathAndQuery, failure));
  }

  private ApiException unreachable(String path, Throwable failure) {
    LOG.warnf("query-service did not answer %s: %s", path, failure.toString());
    if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
      return new ApiException(504, "query_timeout", "query-service did not answer within " + config.timeout().toSeconds() + " s");
    }
    if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
      return new ApiException(502, "query_service_unavailable", "query-service is not reachable at " + config.url());
    }
    return new ApiException(502, "query_service_unavailable", "query-service failed: " + failure.getMessage());
  }
}
