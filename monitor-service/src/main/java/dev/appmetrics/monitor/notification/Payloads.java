package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.monitor.channel.ChannelConfig;
import dev.appmetrics.monitor.channel.ChannelType;
import dev.appmetrics.monitor.notification.Notification.Alert;
import dev.appmetrics.monitor.notification.Notification.Event;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a notification into what each receiver expects: Slack message blocks ({@link SlackMessage}), a PagerDuty
 * Events API v2 event (trigger or resolve, with the issue's dedup_key; a trigger's evidence in custom_details and its
 * links), an email webhook body, or the signed generic webhook body (the whole alert, evidence included).
 */
public final class Payloads {

  private static final int PAGERDUTY_SUMMARY_LIMIT = 1024;

  private Payloads() {}

  public static OutboundRequest render(
      ObjectMapper json,
      ChannelType type,
      ChannelConfig config,
      Notification notification,
      long nowSeconds) {
    return switch (type) {
      case SLACK -> request(json, config.url(), Map.of(), SlackMessage.of(json, notification));
      case PAGERDUTY ->
          request(json, config.url(), Map.of(), pagerDuty(json, config.routingKey(), notification));
      case EMAIL -> request(json, config.url(), Map.of(), email(json, config, notification));
      case WEBHOOK -> {
        String body = write(json, webhook(json, notification));
        yield new OutboundRequest(
            config.url(),
            Map.of(
                "X-Appmetrics-Event",
                notification.event().wireName(),
                WebhookSignature.TIMESTAMP_HEADER,
                Long.toString(nowSeconds),
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(config.secret(), nowSeconds, body)),
            body);
      }
    };
  }

  /**
   * "Firing (critical): Checkout latency", "Still firing (critical): Checkout latency" (a reminder), "Resolved:
   * Checkout latency" or "Test notification".
   */
  public static String title(Notification notification) {
    Alert alert = notification.alert();
    return switch (notification.event()) {
      case TRIGGER -> "Firing (" + alert.severity().wireName() + "): " + alert.monitorName();
      case REMINDER -> "Still firing (" + alert.severity().wireName() + "): " + alert.monitorName();
      case RESOLVE -> "Resolved: " + alert.monitorName();
      case TEST -> "Test notification from appmetrics";
    };
  }

  static ObjectNode pagerDuty(ObjectMapper json, String routingKey, Notification notification) {
    Alert alert = notification.alert();
    ObjectNode body = json.createObjectNode();
    body.put("routing_key", routingKey);
    body.put("event_action", notification.event() == Event.RESOLVE ? "resolve" : "trigger");
    body.put("dedup_key", alert.dedupKey());
    if (notification.event() == Event.RESOLVE) {
      return body;
    }
    String summary = title(notification) + ": " + alert.message();
    ObjectNode payload = body.putObject("payload");
    payload.put(
        "summary",
        summary.length() > PAGERDUTY_SUMMARY_LIMIT
            ? summary.substring(0, PAGERDUTY_SUMMARY_LIMIT)
            : summary);
    payload.put("source", "appmetrics");
    payload.put(
        "severity", notification.event() == Event.TEST ? "info" : alert.severity().wireName());
    payload.put("timestamp", alert.at().toString());
    payload.put("class", "monitor");
    if (alert.monitorName() != null) {
      payload.put("component", alert.monitorName());
    }
    payload.put("group", groupText(alert.group()));
    payload.set("custom_details", details(json, notification));
    Evidence evidence = alert.evidence();
    if (evidence != null) {
      ArrayNode links = body.putArray("links");
      links
          .addObject()
          .put("href", evidence.explorerUrl())
          .put("text", "The breach window in the Explorer");
      evidence.samples().stream()
          .filter(s -> s.traceUrl() != null)
          .forEach(
              s ->
                  links
                      .addObject()
                      .put("href", s.traceUrl())
                      .put("text", "Trace " + s.traceId() + " (" + s.text() + ")"));
    }
    return body;
  }

  static ObjectNode email(ObjectMapper json, ChannelConfig config, Notification notification) {
    Alert alert = notification.alert();
    ObjectNode body = json.createObjectNode();
    config.recipients().forEach(body.putArray("to")::add);
    body.put("subject", "[appmetrics] " + title(notification));
    StringBuilder text =
        new StringBuilder(alert.message())
            .append("\n\nGroup: ")
            .append(groupText(alert.group()))
            .append("\nValue: ")
            .append(EvidenceLines.value(alert));
    EvidenceLines.facts(alert)
        .forEach(fact -> text.append('\n').append(fact[0]).append(": ").append(fact[1]));
    EvidenceLines.details(alert.evidence(), EvidenceLines.PLAIN)
        .forEach(line -> text.append('\n').append(line));
    body.put("text", text.append('\n').append(contextLine(alert)).toString());
    body.set("notification", details(json, notification));
    return body;
  }

  static ObjectNode webhook(ObjectMapper json, Notification notification) {
    return details(json, notification);
  }

  private static ObjectNode details(ObjectMapper json, Notification notification) {
    Alert alert = notification.alert();
    ObjectNode body = json.createObjectNode();
    body.put("id", notification.id());
    body.put("event", notification.event().wireName());
    body.put("organizationId", notification.organizationId());
    body.set("issue", json.valueToTree(alert));
    return body;
  }

  /** "Issue 136 · monitor 329 · 2026-12-01T15:48:02Z", and "· by token:7 (on-call)" when a person's action sent it. */
  static String contextLine(Alert alert) {
    return (alert.issueId() == null
            ? ""
            : "Issue " + alert.issueId() + " · monitor " + alert.monitorId() + " · ")
        + alert.at()
        + (alert.actor() == null ? "" : " · by " + alert.actor());
  }

  static String groupText(Map<String, Object> group) {
    if (group == null || group.isEmpty()) {
      return "all";
    }
    return group.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .collect(Collectors.joining(", "));
  }

  private static OutboundRequest request(
      ObjectMapper json, String url, Map<String, String> headers, ObjectNode body) {
    return new OutboundRequest(url, headers, write(json, body));
  }

  private static String write(ObjectMapper json, ObjectNode body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize a notification", e);
    }
  }
}
