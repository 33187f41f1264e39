package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.monitor.notification.Notification.Alert;
import dev.appmetrics.monitor.notification.Notification.Event;
import java.util.List;

/**
 * A notification as Slack message blocks: a header, the message, the facts as fields (status, value, group,
 * severity, what it was compared with, a change, how long it lasted), then the evidence (every query and equation,
 * the events behind it with their traces, the Explorer at the breach window) and a context line.
 */
final class SlackMessage {

  /** Slack refuses a section's text beyond 3000 characters and a header beyond 150. */
  private static final int SECTION_LIMIT = 3000;

  private static final int HEADER_LIMIT = 150;

  static final EvidenceLines.Style MRKDWN =
      new EvidenceLines.Style() {
        @Override
        public String link(String url, String text) {
          return "<" + url + "|" + escape(text) + ">";
        }

        @Override
        public String text(String plain) {
          return escape(plain);
        }

        @Override
        public String bold(String plain) {
          return "*" + escape(plain) + "*";
        }
      };

  private SlackMessage() {}

  static ObjectNode of(ObjectMapper json, Notification notification) {
    Alert alert = notification.alert();
    ObjectNode body = json.createObjectNode();
    String title = Payloads.title(notification);
    body.put("text", title + ": " + alert.message());
    ArrayNode blocks = body.putArray("blocks");
    blocks
        .addObject()
        .put("type", "header")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", cut(title, HEADER_LIMIT));
    section(blocks, escape(alert.message()));
    if (notification.event() != Event.TEST) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      field(fields, "Status", alert.status());
      field(fields, "Value", EvidenceLines.value(alert));
      field(fields, "Group", Payloads.groupText(alert.group()));
      if (alert.severity() != null) {
        field(fields, "Severity", alert.severity().wireName());
      }
      EvidenceLines.facts(alert).forEach(fact -> field(fields, fact[0], fact[1]));
      List<String> details = EvidenceLines.details(alert.evidence(), MRKDWN);
      if (!details.isEmpty()) {
        section(blocks, String.join("\n", details));
      }
    }
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", Payloads.contextLine(alert));
    return body;
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + escape(value));
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", cut(mrkdwn, SECTION_LIMIT));
  }

  private static String cut(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }

  /** Slack's mrkdwn treats &, < and > as markup. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
