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
 * Renders a notification into what each receiver expects: Slack message blocks, a PagerDuty Events API v2 event
 * (trigger or resolve, with the issue's dedup_key), an email webhook body, or the signed generic webhook body.
 */
public final class Payloads {

  private static final int PAGERDUTY_SUMMARY_LIMIT = 1024;

  private Payloads() {}

  public static OutboundRequest render(ObjectMapper json, ChannelType type, ChannelConfig config,
      Notification notification, long nowSeconds) {
    return switch (type) {
      case SLACK -> request(json, config.url(), Map.of(), slack(json, notification));
      case PAGERDUTY -> request(json, config.url(), Map.of(), pagerDuty(json, config.routingKey(), notification));
      case EMAIL -> request(json, config.url(), Map.of(), email(json, config, notification));
      case WEBHOOK -> {
        String body = write(json, webhook(json, notification));
        yield new OutboundRequest(config.url(), Map.of(
            "X-Appmetrics-Event", notification.event().wireName(),
            WebhookSignature.TIMESTAMP_HEADER, Long.toString(nowSeconds),
            WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(config.secret(), nowSeconds, body)), body);
      }
    };
  }

  /** "Firing (critical): Checkout latency", "Resolved: Checkout latency" or "Test notification". */
  public static String title(Notification notification) {
    Alert alert = notification.alert();
    return switch (notification.event()) {
      case TRIGGER -> "Firing (" + alert.severity().wireName() + "): " + alert.monitorName();
      case RESOLVE -> "Resolved: " + alert.monitorName();
      case TEST -> "Test notification from appmetrics";
    };
  }

  static ObjectNode slack(ObjectMapper json, Notification notification) {
    Alert alert = notification.alert();
    ObjectNode body = json.createObjectNode();
    body.put("text", title(notification) + ": " + alert.message());
    ArrayNode blocks = body.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", title(notification));
    ObjectNode section = blocks.addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", slackEscape(alert.message()));
    if (notification.event() != Event.TEST) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      fields.addObject().put("type", "mrkdwn").put("text", "*Status*\n" + alert.status());
      fields.addObject().put("type", "mrkdwn")
          .put("text", "*Value*\n" + (alert.value() == null ? "no data" : alert.value().toString()));
      fields.addObject().put("type", "mrkdwn").put("text", "*Group*\n" + slackEscape(groupText(alert.group())));
      if (alert.severity() != null) {
        fields.addObject().put("type", "mrkdwn").put("text", "*Severity*\n" + alert.severity().wireName());
      }
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", contextLine(alert));
    return body;
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
    payload.put("summary", summary.length() > PAGERDUTY_SUMMARY_LIMIT
        ? summary.substring(0, PAGERDUTY_SUMMARY_LIMIT) : summary);
    payload.put("source", "appmetrics");
    payload.put("severity", notification.event() == Event.TEST ? "info" : alert.severity().wireName());
    payload.put("timestamp", alert.at().toString());
    payload.put("class", "monitor");
    if (alert.monitorName() != null) {
      payload.put("component", alert.monitorName());
    }
    payload.put("group", groupText(alert.group()));
    payload.set("custom_details", details(json, notification));
    return body;
  }

  static ObjectNode email(ObjectMapper json, ChannelConfig config, Notification notification) {
    Alert alert = notification.alert();
    ObjectNode body = json.createObjectNode();
    config.recipients().forEach(body.putArray("to")::add);
    body.put("subject", "[appmetrics] " + title(notification));
    body.put("text", alert.message() + "\n\nGroup: " + groupText(alert.group()) + "\nValue: "
        + (alert.value() == null ? "no data" : alert.value()) + "\n" + contextLine(alert));
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

  private static String contextLine(Alert alert) {
    return (alert.issueId() == null ? "" : "Issue " + alert.issueId() + " · monitor " + alert.monitorId() + " · ")
        + alert.at();
  }

  static String groupText(Map<String, Object> group) {
    if (group == null || group.isEmpty()) {
      return "all";
    }
    return group.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
        .collect(Collectors.joining(", "));
  }

  /** Slack's mrkdwn treats &, < and > as markup. */
  static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static OutboundRequest request(ObjectMapper json, String url, Map<String, String> headers, ObjectNode body) {
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
