package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.dashboard.mcp.text.Numbers;
import dev.appmetrics.dashboard.mcp.text.TextTable;

/** A trace answer as text: the span tree indented by depth, then errors, logs and metric events by span. */
final class TraceText {

  /** Innermost frames shown per error; the in-app ones say where the code failed. */
  private static final int FRAMES = 5;

  private TraceText() {}

  static String of(JsonNode trace) {
    StringBuilder text = new StringBuilder("trace ").append(trace.path("traceId").asText());
    JsonNode spans = trace.path("spans");
    if (spans.isEmpty()) {
      text.append(": no spans stored (traces are sampled; try find_comparable_traces)\n");
    } else {
      text.append(": ")
          .append(trace.path("start").asText())
          .append(", ")
          .append(Numbers.format(trace.path("durationMs").asDouble()))
          .append(" ms, ")
          .append(spans.size())
          .append(" spans")
          .append(trace.path("truncated").asBoolean() ? " (truncated)" : "")
          .append('\n');
      TextTable tree =
          new TextTable("span", "op / description", "status", "start+ms", "ms", "transaction");
      for (JsonNode span : spans) {
        tree.row(
            span.path("spanId").asText(),
            "  ".repeat(span.path("depth").asInt())
                + span.path("op").asText()
                + " "
                + span.path("description").asText(),
            span.path("status").asText(),
            Numbers.format(span.path("offsetMs").asDouble()),
            Numbers.format(span.path("durationMs").asDouble()),
            span.path("transaction").asText());
      }
      text.append(tree);
    }
    for (JsonNode error : trace.path("errors")) {
      text.append("\nerror in span ")
          .append(error.path("spanId").asText())
          .append(" at ")
          .append(error.path("timestamp").asText())
          .append(": ")
          .append(error.path("type").asText())
          .append(": ")
          .append(error.path("value").asText())
          .append('\n');
      JsonNode frames = error.path("frames");
      for (int i = frames.size() - 1, shown = 0; i >= 0 && shown < FRAMES; i--, shown++) {
        JsonNode frame = frames.get(i);
        text.append("  at ")
            .append(frame.path("function").asText())
            .append(" (")
            .append(frame.path("filename").asText())
            .append(':')
            .append(frame.path("lineno").asLong())
            .append(')')
            .append(frame.path("inApp").asBoolean() ? " in-app" : "")
            .append('\n');
      }
    }
    if (!trace.path("logs").isEmpty()) {
      TextTable logs = new TextTable("time", "span", "level", "body");
      trace
          .path("logs")
          .forEach(
              log ->
                  logs.row(
                      log.path("timestamp").asText(),
                      log.path("spanId").asText(),
                      log.path("level").asText(),
                      log.path("body").asText()));
      text.append("\nlogs\n").append(logs);
    }
    if (!trace.path("metrics").isEmpty()) {
      TextTable metrics = new TextTable("time", "span", "metric", "value", "unit", "attributes");
      trace
          .path("metrics")
          .forEach(
              m ->
                  metrics.row(
                      m.path("timestamp").asText(),
                      m.path("spanId").asText(),
                      m.path("metric").asText(),
                      Numbers.format(m.path("value").asDouble()),
                      m.path("unit").asText("-"),
                      m.path("attributes").toString()));
      text.append("\nmetric events\n").append(metrics);
    }
    return text.toString();
  }
}
