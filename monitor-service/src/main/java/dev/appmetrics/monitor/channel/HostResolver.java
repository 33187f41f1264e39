package dev.appmetrics.monitor.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this host knows about addresses: the answers to a name lookup, and its own addresses. Both block, so callers
 * run them off the event loop; tests stand in for it to give names answers of their own.
 */
@ApplicationScoped
public class HostResolver {

  /** Every address of the host (an IP literal is its own answer, without a lookup). */
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    return List.of(InetAddress.getAllByName(host));
  }

  /** The addresses of this host's interfaces, which a channel must not make the server call (unless allowed). */
  public Set<InetAddress> ownAddresses() {
    try {
      return NetworkInterface.networkInterfaces()
          .flatMap(NetworkInterface::inetAddresses)
          .collect(Collectors.toSet());
    } catch (SocketException e) {
      throw new IllegalStateException("Cannot list this host's network interfaces", e);
    }
  }
}
