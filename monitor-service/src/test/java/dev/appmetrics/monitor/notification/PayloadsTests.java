package dev.appmetrics.monitor.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Instant AT = Instant.parse("2026-11-25T10:02:00Z");

  private static Notification notification(Notification.Event event) {
    return new Notification(
        "issue-7-" + event.wireName() + "-1-channel-3",
        42,
        3,
        event,
        new Notification.Alert(
            7L,
            5L,
            "Checkout <latency>",
            event == Notification.Event.RESOLVE ? "resolved" : "firing",
            Severity.CRITICAL,
            Map.of("region", "eu"),
            250.0,
            null,
            "The value 250.0 is above the critical level 200.0",
            "appmetrics-dedup-1",
            AT,
            null,
            null,
            null));
  }

  private JsonNode body(ChannelType type, ChannelConfig config, Notification notification)
      throws Exception {
    return json.readTree(Payloads.render(json, type, config, notification, 1764064920L).body());
  }

  @Test
  void slackGetsAHeaderTheMessageFieldsAndAFallbackText() throws Exception {
    JsonNode body =
        body(
            ChannelType.SLACK,
            new ChannelConfig("http://slack", null, null, null),
            notification(Notification.Event.TRIGGER));
    assertEquals(
        "Firing (critical): Checkout <latency>: The value 250.0 is above the critical level 200.0",
        body.get("text").asText());
    assertEquals("header", body.at("/blocks/0/type").asText());
    assertEquals("Firing (critical): Checkout <latency>", body.at("/blocks/0/text/text").asText());
    assertEquals("mrkdwn", body.at("/blocks/1/text/type").asText());
    assertEquals("*Group*\nregion=eu", body.at("/blocks/2/fields/2/text").asText());
    assertEquals("context", body.at("/blocks/3/type").asText());
  }

  @Test
  void slackMarkdownIsEscaped() {
    assertEquals("a &lt;b&gt; &amp; c", SlackMessage.escape("a <b> & c"));
  }

  @Test
  void pagerDutyTriggerCarriesDedupKeySeverityAndSummary() throws Exception {
    JsonNode body =
        body(
            ChannelType.PAGERDUTY,
            new ChannelConfig("http://pd", "routing-key-1", null, null),
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
    JsonNode body =
        body(
            ChannelType.PAGERDUTY,
            new ChannelConfig("http://pd", "routing-key-1", null, null),
            notification(Notification.Event.RESOLVE));
    assertEquals("resolve", body.get("event_action").asText());
    assertEquals("appmetrics-dedup-1", body.get("dedup_key").asText());
    assertFalse(body.has("payload"));
  }

  @Test
  void emailWebhookGetsRecipientsSubjectAndText() throws Exception {
    JsonNode body =
        body(
            ChannelType.EMAIL,
            new ChannelConfig("http://mail", null, List.of("ops@example.com"), null),
            notification(Notification.Event.RESOLVE));
    assertEquals("ops@example.com", body.at("/to/0").asText());
    assertEquals("[appmetrics] Resolved: Checkout <latency>", body.get("subject").asText());
  }

  @Test
  void webhookIsSignedOverTheExactBody() {
    Notification notification = notification(Notification.Event.TRIGGER);
    OutboundRequest request =
        Payloads.render(
            json,
            ChannelType.WEBHOOK,
            new ChannelConfig("http://hook", null, null, "0123456789abcdef"),
            notification,
            1764064920L);
    assertEquals("1764064920", request.headers().get(WebhookSignature.TIMESTAMP_HEADER));
    assertEquals(
        WebhookSignature.sign("0123456789abcdef", 1764064920L, request.body()),
        request.headers().get(WebhookSignature.SIGNATURE_HEADER));
    assertEquals("trigger", request.headers().get("X-Appmetrics-Event"));
  }

  private static Notification withEvidence(Notification.Event event) {
    Notification plain = notification(event);
    Evidence evidence =
        new Evidence(
            "430.7 ms",
            "above the critical level 300 ms",
            new Evidence.Change("+57.3%", "273.5 ms", "430.7 ms", "1d"),
            List.of(),
            List.of(
                new Evidence.Component("A", "p95(checkout.latency)", 430.696, "430.7 ms"),
                new Evidence.Component("f1", "A / 2", 215.348, "215.3")),
            AT.minusSeconds(300),
            AT,
            "http://ui/explorer?state=%7B%7D",
            List.of(
                new Evidence.Sample(
                    AT.minusSeconds(10),
                    812.3,
                    "812.3 ms",
                    9,
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    "http://ui/traces/4bf92f3577b34da6a3ce929d0e0e4736?project=9",
                    "http://ui/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736?project=9")));
    return plain.withAlert(plain.alert().withEvidence(evidence));
  }

  @Test
  void slackShowsTheEvidenceWithLinks() throws Exception {
    JsonNode body =
        body(
            ChannelType.SLACK,
            new ChannelConfig("http://slack", null, null, null),
            withEvidence(Notification.Event.TRIGGER));
    assertEquals("*Value*\n430.7 ms", body.at("/blocks/2/fields/1/text").asText());
    assertEquals(
        "*Compared with*\nabove the critical level 300 ms",
        body.at("/blocks/2/fields/4/text").asText());
    assertEquals(
        "*Change*\n+57.3% (273.5 ms 1d earlier, 430.7 ms now)",
        body.at("/blocks/2/fields/5/text").asText());
    String details = body.at("/blocks/3/text/text").asText();
    assertEquals(
        List.of(
            "*Queries and equations*",
            "A p95(checkout.latency): 430.7 ms",
            "f1 A / 2: 215.3",
            "*Events behind it*",
            "812.3 ms at 2026-11-25T10:01:50Z: <http://ui/traces/4bf92f3577b34da6a3ce929d0e0e4736?project=9|trace "
                + "4bf92f3577b34da6a3ce929d0e0e4736> (<http://ui/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736?project=9"
                + "|API>)",
            "<http://ui/explorer?state=%7B%7D|The breach window in the Explorer (2026-11-25T09:57:00Z to "
                + "2026-11-25T10:02:00Z)>"),
        List.of(details.split("\n")));
    assertEquals("context", body.at("/blocks/4/type").asText());
  }

  @Test
  void pagerDutyLinksTheExplorerAndTheTraces() throws Exception {
    JsonNode body =
        body(
            ChannelType.PAGERDUTY,
            new ChannelConfig("http://pd", "routing-key-1", null, null),
            withEvidence(Notification.Event.TRIGGER));
    assertEquals("http://ui/explorer?state=%7B%7D", body.at("/links/0/href").asText());
    assertEquals(
        "Trace 4bf92f3577b34da6a3ce929d0e0e4736 (812.3 ms)", body.at("/links/1/text").asText());
    assertEquals(
        "+57.3%", body.at("/payload/custom_details/issue/evidence/change/percent").asText());
  }

  @Test
  void emailTextHasTheEvidenceAndAResolveHowLongItLasted() throws Exception {
    Notification resolve = withEvidence(Notification.Event.RESOLVE);
    Notification.Alert alert = resolve.alert();
    resolve =
        resolve.withAlert(
            new Notification.Alert(
                alert.issueId(),
                alert.monitorId(),
                alert.monitorName(),
                alert.status(),
                alert.severity(),
                alert.group(),
                alert.value(),
                alert.valueText(),
                alert.message(),
                alert.dedupKey(),
                alert.at(),
                alert.evidence(),
                "12.5 min",
                alert.actor()));
    String text =
        body(
                ChannelType.EMAIL,
                new ChannelConfig("http://mail", null, List.of("ops@example.com"), null),
                resolve)
            .get("text")
            .asText();
    assertTrue(
        text.contains("\nValue: 430.7 ms\nCompared with: above the critical level 300 ms\n"), text);
    assertTrue(text.contains("\nLasted: 12.5 min\n"), text);
    assertTrue(text.contains("trace 4bf92f3577b34da6a3ce929d0e0e4736: http://ui/traces/"), text);
  }

  @Test
  void aPersonsResolveSaysTheLastValueInItsUnitHowLongItLastedAndWhoDidIt() throws Exception {
    Notification.Alert alert = notification(Notification.Event.RESOLVE).alert();
    Notification resolve =
        notification(Notification.Event.RESOLVE)
            .withAlert(
                new Notification.Alert(
                    alert.issueId(),
                    alert.monitorId(),
                    alert.monitorName(),
                    "resolved",
                    alert.severity(),
                    alert.group(),
                    2120.4,
                    "2.12 s",
                    "Resolved manually",
                    alert.dedupKey(),
                    alert.at(),
                    null,
                    "3 min",
                    "token:7 (on-call)"));
    JsonNode slack =
        body(ChannelType.SLACK, new ChannelConfig("http://slack", null, null, null), resolve);
    assertEquals("*Value*\n2.12 s", slack.at("/blocks/2/fields/1/text").asText());
    assertEquals("*Group*\nregion=eu", slack.at("/blocks/2/fields/2/text").asText());
    assertEquals("*Lasted*\n3 min", slack.at("/blocks/2/fields/4/text").asText());
    assertEquals(
        "Issue 7 · monitor 5 · " + AT + " · by token:7 (on-call)",
        slack.at("/blocks/3/elements/0/text").asText());
    String email =
        body(
                ChannelType.EMAIL,
                new ChannelConfig("http://mail", null, List.of("ops@example.com"), null),
                resolve)
            .get("text")
            .asText();
    assertTrue(
        email.contains("\nValue: 2.12 s\nLasted: 3 min\n")
            && email.endsWith(" · by token:7 (on-call)"),
        email);
    JsonNode webhook =
        body(
            ChannelType.WEBHOOK,
            new ChannelConfig("http://hook", null, null, "0123456789abcdef"),
            resolve);
    assertEquals("token:7 (on-call)", webhook.at("/issue/actor").asText());
    assertEquals("2.12 s", webhook.at("/issue/valueText").asText());
  }
}
