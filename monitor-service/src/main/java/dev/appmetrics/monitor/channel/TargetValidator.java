package dev.appmetrics.monitor.channel;

import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.config.MonitorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses channel URLs that are not http(s) on a port of 1–65535, and (unless
 * {@code appmetrics.monitor.allow-private-targets}) URLs whose host resolves to a special-purpose address or one of
 * this server's own ({@link SpecialAddresses}): otherwise anyone who may create a channel could make the server probe
 * its own network. Checked when a channel is saved and again at every delivery attempt, since DNS answers change; the
 * attempt then connects to the address it checked ({@link Target}), so no later answer can slip in between.
 */
@ApplicationScoped
public class TargetValidator {

  private final Vertx vertx;
  private final HostResolver resolver;
  private final boolean allowPrivate;

  public TargetValidator(Vertx vertx, HostResolver resolver, MonitorConfig config) {
    this.vertx = vertx;
    this.resolver = resolver;
    this.allowPrivate = config.allowPrivateTargets();
  }

  /** Resolves the host once (off the event loop); fails with a 400 naming {@code config.url}. */
  public Uni<Target> check(String url) {
    URI uri = syntax(url);
    return vertx.executeBlocking(
        Uni.createFrom()
            .item(() -> judge(uri, resolve(uri.getHost()), resolver.ownAddresses(), allowPrivate)));
  }

  /** Every address the name has must be allowed (a later lookup may pick any of them); the first is the target. */
  static Target judge(
      URI uri, List<InetAddress> addresses, Set<InetAddress> own, boolean allowPrivate) {
    for (InetAddress address : addresses) {
      SpecialAddresses.refusal(address, allowPrivate, own)
          .ifPresent(
              reason -> {
                throw Problems.of(
                    "config.url",
                    "config.url points to "
                        + address.getHostAddress()
                        + " ("
                        + reason
                        + "), which this server does not send to");
              });
    }
    return new Target(uri, addresses.get(0));
  }

  static URI syntax(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw Problems.of("config.url", "config.url is not a valid URL: '" + url + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Problems.of("config.url", "config.url must use http or https");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw Problems.of("config.url", "config.url needs a host");
    }
    if (uri.getUserInfo() != null) {
      throw Problems.of("config.url", "config.url must not carry credentials before the host");
    }
    // -1 is no port given (the scheme's own); 0 and anything above 65535 are no port anyone listens
    // on.
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      throw Problems.of(
          "config.url", "config.url port must be between 1 and 65535, not " + uri.getPort());
    }
    return uri;
  }

  private List<InetAddress> resolve(String host) {
    try {
      return resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw Problems.of("config.url", "config.url host does not resolve: " + host);
    }
  }
}
