package dev.appmetrics.monitor.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.error.ApiException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TargetValidatorTests {

  @Test
  void refusesLoopbackPrivateLinkLocalAndWildcardAddresses() throws Exception {
    for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
        "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1"}) {
      assertTrue(TargetValidator.isPrivate(InetAddress.getByName(address)), address);
    }
  }

  @Test
  void acceptsPublicAddresses() throws Exception {
    for (String address : new String[] {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700::1111"}) {
      assertFalse(TargetValidator.isPrivate(InetAddress.getByName(address)), address);
    }
  }

  @Test
  void acceptsOnlyHttpAndHttps() {
    assertEquals("https", TargetValidator.syntax("https://hooks.slack.com/services/x").getScheme());
    assertEquals("config.url must use http or https",
        assertThrows(ApiException.class, () -> TargetValidator.syntax("ftp://example.com/")).getMessage());
    assertThrows(ApiException.class, () -> TargetValidator.syntax("file:///etc/passwd"));
  }

  @Test
  void refusesUrlsWithoutHostOrWithCredentials() {
    assertThrows(ApiException.class, () -> TargetValidator.syntax("http:///path"));
    assertThrows(ApiException.class, () -> TargetValidator.syntax("http://user:pw@example.com/"));
    assertThrows(ApiException.class, () -> TargetValidator.syntax("not a url"));
  }
}
