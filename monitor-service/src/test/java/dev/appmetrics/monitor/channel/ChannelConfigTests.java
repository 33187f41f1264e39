package dev.appmetrics.monitor.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelConfigTests {

  private static final String SLACK_URL =
      "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX";

  @Test
  void pagerDutyDefaultsToTheEventsApi() {
    ChannelConfig config =
        new ChannelConfig(null, "R0UT1NGK3Y", null, null).validated(ChannelType.PAGERDUTY);
    assertEquals("https://events.pagerduty.com/v2/enqueue", config.url());
  }

  @Test
  void pagerDutyNeedsARoutingKey() {
    assertEquals(
        "config.routingKey is required",
        assertThrows(
                ApiException.class,
                () -> new ChannelConfig(null, null, null, null).validated(ChannelType.PAGERDUTY))
            .getMessage());
  }

  @Test
  void webhookNeedsASecretOfSixteenCharacters() {
    assertThrows(
        ApiException.class,
        () ->
            new ChannelConfig("https://x.example", null, null, "short")
                .validated(ChannelType.WEBHOOK));
  }

  @Test
  void emailNeedsValidRecipients() {
    assertThrows(
        ApiException.class,
        () ->
            new ChannelConfig("https://x.example", null, List.of("nobody"), null)
                .validated(ChannelType.EMAIL));
  }

  @Test
  void maskingKeepsOnlyTheLastFourCharacters() {
    ChannelConfig masked =
        new ChannelConfig("https://x.example", "ROUTINGKEY1234", null, "secret-secret-5678")
            .masked(ChannelType.WEBHOOK);
    assertEquals("****1234", masked.routingKey());
    assertEquals("****5678", masked.secret());
    assertEquals("https://x.example", masked.url());
  }

  /** Whoever has a Slack incoming webhook URL can post to the channel: it is a credential. */
  @Test
  void slackWebhookUrlIsMaskedLikeASecret() {
    assertEquals(
        "****XXXX", new ChannelConfig(SLACK_URL, null, null, null).masked(ChannelType.SLACK).url());
  }

  @Test
  void aMaskSentBackInAnUpdateKeepsTheStoredSecret() {
    ChannelConfig storedPagerDuty =
        new ChannelConfig(ChannelConfig.PAGERDUTY_EVENTS_URL, "R0UT1NGKEYWXYZ", null, null);
    ChannelConfig update = storedPagerDuty.masked(ChannelType.PAGERDUTY);
    assertEquals("****WXYZ", update.routingKey());
    assertEquals(
        storedPagerDuty,
        update
            .keepingSecretsOf(ChannelType.PAGERDUTY, ChannelType.PAGERDUTY, storedPagerDuty)
            .validated(ChannelType.PAGERDUTY));
    ChannelConfig storedSlack = new ChannelConfig(SLACK_URL, null, null, null);
    assertEquals(
        SLACK_URL,
        storedSlack
            .masked(ChannelType.SLACK)
            .keepingSecretsOf(ChannelType.SLACK, ChannelType.SLACK, storedSlack)
            .url());
    ChannelConfig storedWebhook =
        new ChannelConfig("https://x.example", null, null, "0123456789abcdef-secret");
    assertEquals(
        "0123456789abcdef-secret",
        storedWebhook
            .masked(ChannelType.WEBHOOK)
            .keepingSecretsOf(ChannelType.WEBHOOK, ChannelType.WEBHOOK, storedWebhook)
            .secret());
  }

  @Test
  void aNewSecretInAnUpdateReplacesTheStoredOne() {
    ChannelConfig stored =
        new ChannelConfig(ChannelConfig.PAGERDUTY_EVENTS_URL, "R0UT1NGKEYWXYZ", null, null);
    assertEquals(
        "NEWKEY",
        new ChannelConfig(null, "NEWKEY", null, null)
            .keepingSecretsOf(ChannelType.PAGERDUTY, ChannelType.PAGERDUTY, stored)
            .routingKey());
  }

  @Test
  void aMaskThatIsNotTheStoredSecretsIsRefused() {
    ChannelConfig stored =
        new ChannelConfig(ChannelConfig.PAGERDUTY_EVENTS_URL, "R0UT1NGKEYABCD", null, null);
    assertEquals(
        "config.routingKey is masked ('****WXYZ') but is not the stored one's mask: send the whole value",
        assertThrows(
                ApiException.class,
                () ->
                    new ChannelConfig(null, "****WXYZ", null, null)
                        .keepingSecretsOf(ChannelType.PAGERDUTY, ChannelType.PAGERDUTY, stored))
            .getMessage());
    // A Slack URL is only a secret of Slack channels: a PagerDuty URL was never shown masked.
    ChannelConfig storedPagerDuty =
        new ChannelConfig("https://events.example/****abcd", "KEY", null, null);
    assertThrows(
        ApiException.class,
        () ->
            new ChannelConfig("****abcd", null, null, null)
                .keepingSecretsOf(ChannelType.SLACK, ChannelType.PAGERDUTY, storedPagerDuty));
  }

  @Test
  void aMaskedSecretIsNeverStored() {
    assertEquals(
        "config.routingKey is masked ('****WXYZ'): send the whole value",
        assertThrows(
                ApiException.class,
                () ->
                    new ChannelConfig(null, "****WXYZ", null, null)
                        .validated(ChannelType.PAGERDUTY))
            .getMessage());
    assertThrows(
        ApiException.class,
        () -> new ChannelConfig("****XXXX", null, null, null).validated(ChannelType.SLACK));
    assertThrows(
        ApiException.class,
        () ->
            new ChannelConfig("https://x.example", null, null, "****0123456789ab")
                .validated(ChannelType.WEBHOOK));
  }
}
