package dev.appmetrics.monitor.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.error.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetValidatorTests {

  private static final HostResolver RESOLVER = new HostResolver();

  /** The URL's host resolved as in production (literals need no DNS), judged with the given own addresses. */
  private static Target judge(String url, boolean allowPrivate, Set<InetAddress> own)
      throws Exception {
    URI uri = TargetValidator.syntax(url);
    return TargetValidator.judge(uri, RESOLVER.resolve(uri.getHost()), own, allowPrivate);
  }

  private static String refusal(String url, boolean allowPrivate) {
    return assertThrows(ApiException.class, () -> judge(url, allowPrivate, Set.of()), url)
        .getMessage();
  }

  @Test
  void refusesEverySpecialPurposeAddressByDefault() {
    for (String host :
        List.of(
            // The audit's finds: this host's own network, benchmarking, reserved, broadcast, "this
            // network", 6to4 and NAT64
            // leading to loopback, IPv4-compatible loopback.
            "192.0.2.1",
            "198.18.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "0.1.2.3",
            "[2002:7f00:1::]",
            "[64:ff9b::7f00:1]",
            "[::127.0.0.1]",
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "192.0.0.8",
            "192.88.99.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "[::ffff:127.0.0.1]",
            "[::]",
            "[::1]",
            "[64:ff9b:1::1]",
            "[100::1]",
            "[2001::1]",
            "[2001:2::1]",
            "[2001:db8::1]",
            "[3fff::1]",
            "[5f00::1]",
            "[fd00::1]",
            "[fe80::1]",
            "[fec0::1]",
            "[ff02::1]",
            "[2002:a00:1::]",
            "[2002:c000:201::]")) {
      assertTrue(
          refusal("http://" + host + "/hook", false).startsWith("config.url points to "), host);
    }
  }

  @Test
  void namesTheAddressAndTheBlockItIsIn() {
    assertEquals(
        "config.url points to 192.0.2.1 (in 192.0.2.0/24, documentation (TEST-NET-1)), which this server "
            + "does not send to",
        refusal("https://192.0.2.1/hook", false));
    assertEquals(
        "config.url points to 2002:7f00:1:0:0:0:0:0 (a 6to4 address leading to 127.0.0.1, in 127.0.0.0/8, "
            + "loopback), which this server does not send to",
        refusal("https://[2002:7f00:1::]/hook", false));
  }

  @Test
  void acceptsPublicAddressesIncludingSixToFourOfAPublicOne() throws Exception {
    for (String host :
        List.of(
            "8.8.8.8",
            "1.1.1.1",
            "100.128.0.1",
            "172.32.0.1",
            "198.20.0.1",
            "192.0.3.1",
            "[2606:4700::1111]",
            "[2002:808:808::]",
            "[2001:4860:4860::8888]")) {
      Target target = judge("https://" + host + "/hook", false, Set.of());
      assertEquals(
          InetAddress.getByName(host.replace("[", "").replace("]", "")), target.address(), host);
    }
  }

  @Test
  void refusesTheServersOwnAddressesByDefault() throws Exception {
    InetAddress own = InetAddress.getByName("93.184.215.14");
    assertThrows(ApiException.class, () -> judge("http://93.184.215.14/", false, Set.of(own)));
    assertEquals(own, judge("http://93.184.215.14/", true, Set.of(own)).address());
    assertTrue(RESOLVER.ownAddresses().contains(InetAddress.getByName("127.0.0.1")));
  }

  /** The local stack and tests allow private targets; addresses no receiver can have stay refused. */
  @Test
  void allowingPrivateTargetsStillRefusesAddressesNoReceiverCanHave() throws Exception {
    for (String host :
        List.of("127.0.0.1", "10.0.0.1", "192.0.2.1", "[::1]", "[fd00::1]", "[2002:7f00:1::]")) {
      judge("http://" + host + ":8080/hook", true, Set.of());
    }
    for (String host :
        List.of(
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "240.0.0.1",
            "224.0.0.1",
            "[::]",
            "[ff02::1]",
            "[2002::]")) {
      assertTrue(
          refusal("http://" + host + ":8080/hook", true).startsWith("config.url points to "), host);
    }
  }

  @Test
  void everyAddressOfTheNameMustBeAllowedAndTheFirstIsTheTarget() throws Exception {
    URI uri = URI.create("https://hooks.example.com/x");
    InetAddress first = InetAddress.getByName("8.8.8.8");
    InetAddress second = InetAddress.getByName("1.1.1.1");
    assertEquals(
        new Target(uri, first),
        TargetValidator.judge(uri, List.of(first, second), Set.of(), false));
    assertThrows(
        ApiException.class,
        () ->
            TargetValidator.judge(
                uri, List.of(first, InetAddress.getByName("10.0.0.1")), Set.of(), false));
  }

  @Test
  void acceptsOnlyPortsOneTo65535() {
    assertEquals(
        "config.url port must be between 1 and 65535, not 0",
        assertThrows(ApiException.class, () -> TargetValidator.syntax("http://example.com:0/"))
            .getMessage());
    assertEquals(
        "config.url port must be between 1 and 65535, not 99999",
        assertThrows(ApiException.class, () -> TargetValidator.syntax("http://example.com:99999/"))
            .getMessage());
    assertEquals(65_535, TargetValidator.syntax("http://example.com:65535/").getPort());
    assertEquals(1, TargetValidator.syntax("http://example.com:1/").getPort());
  }

  @Test
  void connectsToTheSchemesPortWhenTheUrlNamesNone() throws Exception {
    InetAddress address = InetAddress.getByName("8.8.8.8");
    assertEquals(443, new Target(URI.create("https://hooks.example.com/x"), address).port());
    assertEquals(80, new Target(URI.create("http://hooks.example.com/x"), address).port());
    assertEquals(8443, new Target(URI.create("https://hooks.example.com:8443/x"), address).port());
  }

  @Test
  void acceptsOnlyHttpAndHttps() {
    assertEquals("https", TargetValidator.syntax("https://hooks.slack.com/services/x").getScheme());
    assertEquals(
        "config.url must use http or https",
        assertThrows(ApiException.class, () -> TargetValidator.syntax("ftp://example.com/"))
            .getMessage());
    assertThrows(ApiException.class, () -> TargetValidator.syntax("file:///etc/passwd"));
  }

  @Test
  void refusesUrlsWithoutHostOrWithCredentials() {
    assertThrows(ApiException.class, () -> TargetValidator.syntax("http:///path"));
    assertThrows(ApiException.class, () -> TargetValidator.syntax("http://user:pw@example.com/"));
    assertThrows(ApiException.class, () -> TargetValidator.syntax("not a url"));
  }
}
