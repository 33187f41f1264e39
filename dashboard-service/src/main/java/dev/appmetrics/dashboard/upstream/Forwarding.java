package dev.appmetrics.dashboard.upstream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** What every proxy resource does with a request: the same path on the upstream, its answer as this service's. */
final class Forwarding {

  private Forwarding() {}

  /** {@code body} null for a request without one (GET, DELETE). */
  static Uni<Response> forward(
      Upstream upstream,
      HttpMethod method,
      String pathAndQuery,
      String authorization,
      byte[] body) {
    return upstream
        .forward(method, pathAndQuery, authorization, body == null ? null : Buffer.buffer(body))
        .map(Forwarding::toResponse);
  }

  /**
   * The request's own path and query string. The resources' path templates are the allow-list of what travels, so
   * the path is passed on as the caller wrote it (already percent-encoded).
   */
  static String samePath(UriInfo uri) {
    String query = uri.getRequestUri().getRawQuery();
    return uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
  }

  /** The upstream's answer as this service's answer: same status, type and bytes. */
  static Response toResponse(Upstream.Forwarded forwarded) {
    return Response.status(forwarded.status())
        .type(
            forwarded.contentType() == null ? MediaType.APPLICATION_JSON : forwarded.contentType())
        .entity(forwarded.body().getBytes())
        .build();
  }
}
