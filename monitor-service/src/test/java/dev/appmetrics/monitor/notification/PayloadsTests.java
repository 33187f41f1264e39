package dev.appmetrics.monitor.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.appmetrics.monitor.channel.ChannelConfig;
import dev.appmetrics.monitor.channel.ChannelType;
import dev.appmetrics.monitor.detection.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTests {

  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Instant AT = Instant.parse("2026-11-25T10:02:00Z");

  private static Notification notification(Notification.Event event) {
    return new Notification("issue-7-" + event.wireName() + "-1-channel-3", 42, 3, event,
        new Notification.Alert(7L, 5L, "Checkout <latency>", event == Notification.Event.RESOLVE ? "resolved" : "firing",
            Severity.CRITICAL, Map.of("region", "eu"), 250.0, "The value 250.0 is above the critical level 200.0",
            "appmetrics-dedup-1", AT));
  }

  private JsonNode body(ChannelType type, ChannelConfig config, Notification notification) throws Exception {
    return json.readTree(Payloads.render(json, type, config, notification, 1764064920L).body());
  }

  @Test
  void slackGetsAHeaderTheMessageFieldsAndAFallbackText() throws Exception {
    JsonNode body = body(ChannelType.SLACK, new ChannelConfig("http://slack", null, null, null),
        notification(Notification.Event.TRIGGER));
    assertEquals("Firing (critical): Checkout <latency>: The value 250.0 is above the critical level 200.0",
        body.get("text").asText());
    assertEquals("header", body.at("/blocks/0/type").asText());
    assertEquals("Firing (critical): Checkout <latency>", body.at("/blocks/0/text/text").asText());
    assertEquals("mrkdwn", body.at("/blocks/1/text/type").asText());
    assertEquals("*Group*\nregion=eu", body.at("/blocks/2/fields/2/text").asText());
    assertEquals("context", body.at("/blocks/3/type").asText());
  }

  @Test
  void slackMarkdownIsEscaped() {
    assertEquals("a &lt;b&gt; &amp; c", Payloads.slackEscape("a <b> & c"));
  }

  @Test
  void pagerDutyTriggerCarriesDedupKeySeverityAndSummary() throws Exception {
    JsonNode body = body(ChannelType.PAGERDUTY, new ChannelConfig("http://pd", "routing-key-1", null, null),
        notification(Notification.Event.TRIGGER));
    assertEquals("routing-key-1", body.get("routing_key").asText());
    assertEquals("trigger", body.get("event_action").asText());
    assertEquals("appmetrics-dedup-1", body.get("dedup_key").asText());
    assertEquals("critical", body.at("/payload/severity").asText());
    assertEquals("appmetrics", body.at("/payload/source").asText());
    assertEquals("2026-11-25T10:02:00Z", body.at("/payload/timestamp").asText());
    assertEquals(7, body.at("/payload/custom_details/issue/issueId").asInt());
  }

  @Test
  void pagerDutyResolveIsOnlyKeyActionAndDedupKey() throws Exception {
    JsonNode body = body(ChannelType.PAGERDUTY, new ChannelConfig("http://pd", "routing-key-1", null, null),
        notification(Notification.Event.RESOLVE));
    assertEquals("resolve", body.get("event_action").asText());
    assertEquals("appmetrics-dedup-1", body.get("dedup_key").asText());
    assertFalse(body.has("payload"));
  }

  @Test
  void emailWebhookGetsRecipientsSubjectAndText() throws Exception {
    JsonNode body = body(ChannelType.EMAIL, new ChannelConfig("http://mail", null, List.of("ops@example.com"), null),
        notification(Notification.Event.RESOLVE));
    assertEquals("ops@example.com", body.at("/to/0").asText());
    assertEquals("[appmetrics] Resolved: Checkout <latency>", body.get("subject").asText());
  }

  @Test
  void webhookIsSignedOverTheExactBody() {
    Notification notification = notification(Notification.Event.TRIGGER);
    OutboundRequest request = Payloads.render(json, ChannelType.WEBHOOK,
        new ChannelConfig("http://hook", null, null, "0123456789abcdef"), notification, 1764064920L);
    assertEquals("1764064920", request.headers().get(WebhookSignature.TIMESTAMP_HEADER));
    assertEquals(WebhookSignature.sign("0123456789abcdef", 1764064920L, request.body()),
        request.headers().get(WebhookSignature.SIGNATURE_HEADER));
    assertEquals("trigger", request.headers().get("X-Appmetrics-Event"));
  }
}
