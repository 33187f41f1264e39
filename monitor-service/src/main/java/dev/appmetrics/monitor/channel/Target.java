package dev.appmetrics.monitor.channel;

import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.URI;

/** A channel URL and the one address of its host that {@link TargetValidator} checked. */
public record Target(URI url, InetAddress address) {

  /**
   * A POST of the URL sent to the checked address: the Host header, the TLS server name (SNI) and the certificate
   * check keep the URL's host, while the connection goes where the check looked, with no second lookup of the name
   * that a DNS answer changed in between (rebinding) could turn towards a refused address.
   */
  public HttpRequest<Buffer> post(WebClient client) {
    return client.requestAbs(
        HttpMethod.POST,
        SocketAddress.inetSocketAddress(port(), address.getHostAddress()),
        url.toString());
  }

  int port() {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
