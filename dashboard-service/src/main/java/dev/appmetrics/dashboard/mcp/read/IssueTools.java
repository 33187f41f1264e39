package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.dashboard.mcp.text.Links;
import dev.appmetrics.dashboard.mcp.text.Numbers;
import dev.appmetrics.dashboard.mcp.text.TextTable;
import dev.appmetrics.dashboard.mcp.tool.Arguments;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.Tool;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApi;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApis;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Issues that monitors opened, from monitor-service, and the organization's notification channels. */
@ApplicationScoped
public class IssueTools implements ToolGroup {

  private final ServiceApi monitors;

  private final Links links;

  public IssueTools(ServiceApis apis, Links links) {
    this.monitors = apis.monitors();
    this.links = links;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.read(
            "list_issues",
            """
            List issues opened by monitors, newest first: id, monitor, group (the attribute values that breached), \
            status (pending, firing, resolved), severity, last value, muted, opened and resolved times.""",
            Schema.object()
                .oneOf(
                    "status",
                    "Only issues in this status.",
                    List.of("pending", "firing", "resolved"))
                .integer("monitor", "Only issues of this monitor id.", 1, Long.MAX_VALUE)
                .integer("limit", "At most this many (default 50).", 1, 200),
            this::list),
        Tool.read(
            "get_issue",
            """
            One issue with its values: status, severity, the group, the last value, and its history (every status or \
            severity change with the value that caused it and a message).""",
            Schema.object()
                .integer("id", "The issue id (list_issues).", 1, Long.MAX_VALUE)
                .required("id"),
            this::get),
        Tool.read(
            "list_channels",
            "List the organization's notification channels (id, name, type) for create_monitor.",
            Schema.object(),
            call ->
                monitors
                    .get(call, "/api/v1/channels?size=200")
                    .map(
                        page -> {
                          TextTable table = new TextTable("id", "name", "type");
                          page.path("items")
                              .forEach(
                                  c ->
                                      table.row(
                                          c.path("id").asLong(),
                                          c.path("name").asText(),
                                          c.path("type").asText()));
                          return page.path("total").asLong() + " channel(s)\n" + table;
                        })));
  }

  private Uni<String> list(ToolCall call) {
    Arguments args = call.arguments();
    StringBuilder query =
        new StringBuilder("/api/v1/issues?size=").append(args.integer("limit", 50));
    args.optionalText("status")
        .ifPresent(status -> query.append("&status=").append(ServiceApi.encode(status)));
    args.optionalId("monitor").ifPresent(monitor -> query.append("&monitor=").append(monitor));
    return monitors
        .get(call, query.toString())
        .map(
            page -> {
              TextTable table =
                  new TextTable(
                      "id",
                      "monitor",
                      "group",
                      "status",
                      "severity",
                      "last value",
                      "muted",
                      "opened",
                      "resolved");
              page.path("items")
                  .forEach(
                      issue ->
                          table.row(
                              issue.path("id").asLong(),
                              issue.path("monitorId").asLong(),
                              issue.path("group").toString(),
                              issue.path("status").asText(),
                              issue.path("severity").asText(),
                              Numbers.format(value(issue.path("lastValue"))),
                              issue.path("muted").asBoolean(),
                              issue.path("openedAt").asText(),
                              issue.path("resolvedAt").asText("")));
              return page.path("total").asLong() + " issue(s)\n" + table;
            });
  }

  private Uni<String> get(ToolCall call) {
    long id = call.arguments().id("id");
    return monitors
        .get(call, "/api/v1/issues/" + id)
        .map(
            issue -> {
              StringBuilder text =
                  new StringBuilder("issue ")
                      .append(id)
                      .append(" of monitor ")
                      .append(issue.path("monitorId").asLong())
                      .append(": ")
                      .append(issue.path("status").asText())
                      .append(", ")
                      .append(issue.path("severity").asText())
                      .append(", group ")
                      .append(issue.path("group"))
                      .append(", last value ")
                      .append(Numbers.format(value(issue.path("lastValue"))))
                      .append(issue.path("muted").asBoolean() ? ", muted" : "")
                      .append(", opened ")
                      .append(issue.path("openedAt").asText())
                      .append(
                          issue.path("resolvedAt").isNull()
                              ? ""
                              : ", resolved " + issue.path("resolvedAt").asText())
                      .append("\nURL: ")
                      .append(links.issue(id))
                      .append("\nhistory\n");
              TextTable history = new TextTable("at", "status", "severity", "value", "message");
              issue
                  .path("history")
                  .forEach(
                      h ->
                          history.row(
                              h.path("at").asText(),
                              h.path("status").asText(),
                              h.path("severity").asText(),
                              Numbers.format(value(h.path("value"))),
                              h.path("message").asText()));
              return text.append(history).toString();
            });
  }

  private static Double value(JsonNode value) {
    return value.isNumber() ? value.asDouble() : null;
  }
}
