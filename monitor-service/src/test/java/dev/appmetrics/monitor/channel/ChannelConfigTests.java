package dev.appmetrics.monitor.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelConfigTests {

  @Test
  void pagerDutyDefaultsToTheEventsApi() {
    ChannelConfig config = new ChannelConfig(null, "R0UT1NGK3Y", null, null).validated(ChannelType.PAGERDUTY);
    assertEquals("https://events.pagerduty.com/v2/enqueue", config.url());
  }

  @Test
  void pagerDutyNeedsARoutingKey() {
    assertEquals("config.routingKey is required", assertThrows(ApiException.class,
        () -> new ChannelConfig(null, null, null, null).validated(ChannelType.PAGERDUTY)).getMessage());
  }

  @Test
  void webhookNeedsASecretOfSixteenCharacters() {
    assertThrows(ApiException.class,
        () -> new ChannelConfig("https://x.example", null, null, "short").validated(ChannelType.WEBHOOK));
  }

  @Test
  void emailNeedsValidRecipients() {
    assertThrows(ApiException.class,
        () -> new ChannelConfig("https://x.example", null, List.of("nobody"), null).validated(ChannelType.EMAIL));
  }

  @Test
  void maskingKeepsOnlyTheLastFourCharacters() {
    ChannelConfig masked = new ChannelConfig("https://x.example", "ROUTINGKEY1234", null, "secret-secret-5678").masked();
    assertEquals("****1234", masked.routingKey());
    assertEquals("****5678", masked.secret());
  }
}
