package dev.appmetrics.monitor.channel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The address blocks a channel must not make this server call: the special-purpose registries of RFC 6890 and its
 * successors (private, loopback, link-local, shared, documentation, benchmarking, translation and tunnelling
 * prefixes), plus the host's own addresses. Some of them can never hold a receiver (the unspecified address,
 * broadcast, multicast, reserved space) and are refused even where private targets are allowed. Java presents an
 * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address itself, so it is judged as one.
 */
final class SpecialAddresses {

  /** A CIDR block; {@code never} when no HTTP receiver can be there, whatever the configuration. */
  record Block(byte[] network, int prefix, String text, String name, boolean never) {

    static Block of(String cidr, String name, boolean never) {
      String[] parts = cidr.split("/");
      try {
        return new Block(
            InetAddress.getByName(parts[0]).getAddress(),
            Integer.parseInt(parts[1]),
            cidr,
            name,
            never);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      if (!Arrays.equals(bytes, 0, whole, network, 0, whole)) {
        return false;
      }
      int rest = prefix % 8;
      int mask = (0xff << (8 - rest)) & 0xff;
      return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
    }
  }

  /** 6to4 addresses carry the IPv4 address they lead to in bytes 2–5; they are judged by that address. */
  private static final Block SIX_TO_FOUR = Block.of("2002::/16", "6to4", false);

  /** Where several blocks hold an address, the first one names it; the never-usable ones come first. */
  static final List<Block> BLOCKS =
      List.of(
          Block.of("0.0.0.0/8", "this network", true),
          Block.of("255.255.255.255/32", "limited broadcast", true),
          Block.of("240.0.0.0/4", "reserved", true),
          Block.of("224.0.0.0/4", "multicast", true),
          Block.of("::/128", "unspecified", true),
          Block.of("ff00::/8", "multicast", true),
          Block.of("10.0.0.0/8", "private", false),
          Block.of("100.64.0.0/10", "shared address space (carrier-grade NAT)", false),
          Block.of("127.0.0.0/8", "loopback", false),
          Block.of("169.254.0.0/16", "link-local (cloud metadata)", false),
          Block.of("172.16.0.0/12", "private", false),
          Block.of("192.0.0.0/24", "IETF protocol assignments", false),
          Block.of("192.0.2.0/24", "documentation (TEST-NET-1)", false),
          Block.of("192.88.99.0/24", "6to4 relay anycast", false),
          Block.of("192.168.0.0/16", "private", false),
          Block.of("198.18.0.0/15", "benchmarking", false),
          Block.of("198.51.100.0/24", "documentation (TEST-NET-2)", false),
          Block.of("203.0.113.0/24", "documentation (TEST-NET-3)", false),
          Block.of("::1/128", "loopback", false),
          Block.of("::/96", "IPv4-compatible", false),
          Block.of("64:ff9b::/96", "NAT64", false),
          Block.of("64:ff9b:1::/48", "local-use NAT64", false),
          Block.of("100::/64", "discard-only", false),
          Block.of("2001::/32", "Teredo", false),
          Block.of("2001:2::/48", "benchmarking", false),
          Block.of("2001:db8::/32", "documentation", false),
          Block.of("3fff::/20", "documentation", false),
          Block.of("5f00::/16", "segment routing (SRv6) SIDs", false),
          Block.of("fc00::/7", "unique-local", false),
          Block.of("fe80::/10", "link-local", false),
          Block.of("fec0::/10", "site-local", false));

  private SpecialAddresses() {}

  /**
   * Why this server must not call {@code address}, or empty when it may. With {@code allowPrivate} only the
   * never-usable blocks are refused (the local stack's receivers are on loopback, which is also the host's own).
   */
  static Optional<String> refusal(InetAddress address, boolean allowPrivate, Set<InetAddress> own) {
    if (address instanceof Inet6Address && SIX_TO_FOUR.contains(address)) {
      InetAddress embedded = embeddedIpv4(address);
      return refusal(embedded, allowPrivate, own)
          .map(reason -> "a 6to4 address leading to " + embedded.getHostAddress() + ", " + reason);
    }
    for (Block block : BLOCKS) {
      if (block.contains(address) && (block.never() || !allowPrivate)) {
        return Optional.of("in " + block.text() + ", " + block.name());
      }
    }
    if (!allowPrivate && own.contains(address)) {
      return Optional.of("an address of this server");
    }
    return Optional.empty();
  }

  private static InetAddress embeddedIpv4(InetAddress sixToFour) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(sixToFour.getAddress(), 2, 6));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Four bytes are always an IPv4 address", e);
    }
  }
}
