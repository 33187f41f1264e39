package dev.appmetrics.common.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every response of every service, set just before the headers leave so that nothing later removes them:
 * a Content-Security-Policy that lets a page load only from its own origin and never be framed, no MIME sniffing,
 * no referrer; and the UI's caching: its HTML is revalidated on every load (a deploy is seen at once) while the
 * content-hashed files under /assets/ are cached for a year.
 */
@ApplicationScoped
public class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; "
          + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** Quarkus's own Swagger UI runs inline scripts; it is a developer's page, not the product's UI. */
  private static final String SWAGGER_UI = "/q/swagger-ui";

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(SecurityHeaders::onHeadersEnd);
  }

  private static void onHeadersEnd(RoutingContext context) {
    String path = context.normalizedPath();
    context.addHeadersEndHandler(ignored -> apply(path, context.response().headers()));
    context.next();
  }

  static void apply(String path, MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (!path.startsWith(SWAGGER_UI)) {
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Frame-Options", "DENY");
    }
    if (path.startsWith("/assets/")) {
      headers.set(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    } else if (path.equals("/") || path.endsWith(".html")) {
      headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
  }
}
