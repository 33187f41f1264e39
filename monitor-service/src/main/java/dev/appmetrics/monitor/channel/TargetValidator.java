package dev.appmetrics.monitor.channel;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.config.MonitorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Refuses channel URLs that are not http(s), and (unless {@code appmetrics.monitor.allow-private-targets}) URLs whose
 * host resolves to a loopback, private, link-local, unique-local, carrier-grade NAT or wildcard address: otherwise
 * anyone who may create a channel could make the server probe its own network. Checked when a channel is saved and
 * again before every delivery, since DNS answers change.
 */
@ApplicationScoped
public class TargetValidator {

  private final Vertx vertx;
  private final boolean allowPrivate;

  public TargetValidator(Vertx vertx, MonitorConfig config) {
    this.vertx = vertx;
    this.allowPrivate = config.allowPrivateTargets();
  }

  /** Fails with a 400 {@link ApiException} naming the problem. DNS resolution runs off the event loop. */
  public Uni<URI> check(String url) {
    URI uri = syntax(url);
    if (allowPrivate) {
      return Uni.createFrom().item(uri);
    }
    return vertx.executeBlocking(Uni.createFrom().item(() -> {
      for (InetAddress address : resolve(uri.getHost())) {
        if (isPrivate(address)) {
          throw ApiException.badRequest("config.url points to a private, loopback or link-local address ("
              + address.getHostAddress() + "), which this server does not allow");
        }
      }
      return uri;
    }));
  }

  static URI syntax(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw ApiException.badRequest("config.url is not a valid URL: '" + url + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiException.badRequest("config.url must use http or https");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw ApiException.badRequest("config.url needs a host");
    }
    if (uri.getUserInfo() != null) {
      throw ApiException.badRequest("config.url must not carry credentials before the host");
    }
    return uri;
  }

  private static InetAddress[] resolve(String host) {
    try {
      return InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw ApiException.badRequest("config.url host does not resolve: " + host);
    }
  }

  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xfe) == 0xfc;
    }
    return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
  }
}
