package dev.appmetrics.monitor.notification;

import dev.appmetrics.monitor.notification.Notification.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of an alert as lines of text, shared by Slack (mrkdwn, links as {@code <url|text>}) and email (plain
 * text, links written out), so both say the same: value, comparison, change, which conditions held, components, the
 * events behind it with their traces, the Explorer at the breach window and how long a resolved issue lasted.
 */
final class EvidenceLines {

  /** How a channel writes a link and escapes text. */
  interface Style {
    String link(String url, String text);

    String text(String plain);

    String bold(String plain);
  }

  static final Style PLAIN =
      new Style() {
        @Override
        public String link(String url, String text) {
          return text + ": " + url;
        }

        @Override
        public String text(String plain) {
          return plain;
        }

        @Override
        public String bold(String plain) {
          return plain;
        }
      };

  private EvidenceLines() {}

  /** The value in its unit ("430.7 ms"): this evaluation's, else as the issue last worded it, else as stored. */
  static String value(Alert alert) {
    if (alert.evidence() != null) {
      return alert.evidence().value();
    }
    if (alert.valueText() != null) {
      return alert.valueText();
    }
    return alert.value() == null ? "no data" : alert.value().toString();
  }

  /** Name and text: "Compared with: above the critical level 300 ms", "Change: …", "Lasted: 12.5 min". */
  static List<String[]> facts(Alert alert) {
    List<String[]> facts = new ArrayList<>();
    Evidence evidence = alert.evidence();
    if (evidence != null && evidence.comparedWith() != null) {
      facts.add(new String[] {"Compared with", evidence.comparedWith()});
    }
    if (evidence != null && evidence.change() != null) {
      Evidence.Change change = evidence.change();
      facts.add(
          new String[] {
            "Change",
            change.percent()
                + " ("
                + change.previous()
                + " "
                + change.comparedTo()
                + " earlier, "
                + change.current()
                + " now)"
          });
    }
    if (alert.lasted() != null) {
      facts.add(new String[] {"Lasted", alert.lasted()});
    }
    return facts;
  }

  /** The components, the events and the Explorer link, one line each (empty without evidence). */
  static List<String> details(Evidence evidence, Style style) {
    List<String> lines = new ArrayList<>();
    if (evidence == null) {
      return lines;
    }
    if (!evidence.conditions().isEmpty()) {
      lines.add(style.bold("Conditions"));
      evidence
          .conditions()
          .forEach(
              c ->
                  lines.add(
                      style.text(
                          (c.held() ? "held: " : "did not hold: ") + c.watch() + ": " + c.text())));
    }
    if (!evidence.components().isEmpty()) {
      lines.add(style.bold("Queries and equations"));
      evidence
          .components()
          .forEach(c -> lines.add(style.text(c.label() + " " + c.title() + ": " + c.text())));
    }
    if (!evidence.samples().isEmpty()) {
      lines.add(style.bold("Events behind it"));
      evidence.samples().forEach(s -> lines.add(sample(s, style)));
    }
    lines.add(
        style.link(
            evidence.explorerUrl(),
            "The breach window in the Explorer ("
                + evidence.windowStart()
                + " to "
                + evidence.windowEnd()
                + ")"));
    return lines;
  }

  private static String sample(Evidence.Sample sample, Style style) {
    String what = sample.text() + " at " + sample.at();
    if (sample.traceUrl() == null) {
      return style.text(what);
    }
    return style.text(what + ": ")
        + style.link(sample.traceUrl(), "trace " + sample.traceId())
        + style.text(" (")
        + style.link(sample.traceApiUrl(), "API")
        + style.text(")");
  }
}
