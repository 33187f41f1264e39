package dev.appmetrics.dashboard.mcp.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.mcp.read.QuerySchemas;
import dev.appmetrics.dashboard.mcp.text.Links;
import dev.appmetrics.dashboard.mcp.tool.Arguments;
import dev.appmetrics.dashboard.mcp.tool.CommonArgs;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.Tool;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApi;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApis;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Monitors are monitor-service's: created there with the caller's token, which judges the spec (docs/monitors.md). */
@ApplicationScoped
public class MonitorTools implements ToolGroup {

  private final ServiceApi monitors;
  private final Links links;
  private final ObjectMapper json;

  public MonitorTools(ServiceApis apis, Links links, ObjectMapper json) {
    this.monitors = apis.monitors();
    this.links = links;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    Schema channel =
        Schema.object()
            .string("name", "The channel's name.")
            .oneOf(
                "type",
                "Where notifications go.",
                List.of("slack", "pagerduty", "email", "webhook"))
            .property(
                "config",
                Map.of(
                    "type",
                    "object",
                    "description",
                    "slack {\"url\": incoming webhook URL};"
                        + " pagerduty {\"routingKey\": …}; email {\"url\": …, \"to\": [addresses]}; webhook {\"url\": …,"
                        + " \"secret\": …}"))
            .required("name", "type", "config");
    return List.of(
        Tool.write(
            "create_monitor",
            """
        Create a monitor that opens an issue (per group) when a query's value breaches, and notifies channels. \
        The query is the Explorer's (projects, queries, equations); watch names the label judged (default the last \
        equation or the only query); window (default 5m) is reduced to one value by evaluation.reduce (avg, min, \
        max, sum, last). detection: {"type": "threshold", "direction": "above"|"below", "warning": n, "critical": n, \
        "resolve": n} or {"type": "change", "direction": ..., "comparedTo": "1d", "warning": percent, "critical": \
        percent} or {"type": "anomaly", "direction": "above"|"below"|"both", "sensitivity": "low"|"medium"|"high"}. \
        channels: existing channel ids (list_channels); newChannels are created first. Needs the write scope. \
        Answers the monitor's id and URL.""",
            CommonArgs.projects(
                    Schema.object().string("name", "The monitor's name (at most 200 characters)."))
                .property("queries", QuerySchemas.queries())
                .property("equations", QuerySchemas.equations())
                .string("watch", "The query or equation label to judge.")
                .string("interval", "Bucket width (default = window), e.g. 1m.")
                .string(
                    "window",
                    "Evaluation window (default 5m, 1s to 30d), a whole number of intervals.")
                .property(
                    "detection",
                    Map.of("type", "object", "description", "How it fires, see above."))
                .property(
                    "evaluation",
                    Map.of(
                        "type",
                        "object",
                        "description",
                        "{\"every\": \"1m\" (>= 10s), \"delay\":"
                            + " \"1m\", \"reduce\": \"avg\", \"consecutive\": 1}; every field optional."))
                .oneOf(
                    "noData",
                    "Without data: keep (default), ok, alert.",
                    List.of("keep", "ok", "alert"))
                .ids("channels", "Ids of existing channels to notify.")
                .property(
                    "newChannels", Schema.arrayOf("Channels to create and notify.", channel, 10))
                .required("name", "projects", "queries", "detection"),
            this::create));
  }

  private Uni<String> create(ToolCall call) {
    Arguments args = call.arguments();
    List<Uni<JsonNode>> created = new ArrayList<>();
    args.node("newChannels")
        .ifPresent(
            channels ->
                channels.forEach(
                    channel -> created.add(monitors.post(call, "/api/v1/channels", channel))));
    Uni<List<JsonNode>> channels =
        created.isEmpty()
            ? Uni.createFrom().item(List.of())
            : Uni.join().all(created).andFailFast();
    return channels.flatMap(
        newChannels -> {
          ObjectNode monitor = body(args);
          ArrayNode ids = monitor.putArray("channels");
          args.node("channels").ifPresent(existing -> existing.forEach(ids::add));
          newChannels.forEach(channel -> ids.add(channel.path("id").asLong()));
          return monitors
              .post(call, "/api/v1/monitors", monitor)
              .map(
                  saved ->
                      "Monitor "
                          + saved.path("id").asLong()
                          + " \""
                          + saved.path("name").asText()
                          + "\" created, channels "
                          + saved.path("channels")
                          + (newChannels.isEmpty()
                              ? ""
                              : " (new: "
                                  + newChannels.stream().map(c -> c.path("id").asText()).toList()
                                  + ")")
                          + "\nURL: "
                          + links.monitor(saved.path("id").asLong())
                          + "\nIts issues: list_issues with monitor "
                          + saved.path("id").asLong()
                          + "\nThe watched query in the Explorer: "
                          + links.explorer(explorerView(monitor.path("query")), null));
        });
  }

  private ObjectNode body(Arguments args) {
    ObjectNode body = json.createObjectNode().put("name", args.text("name"));
    ObjectNode query = CommonArgs.putProjects(body.putObject("query"), args);
    args.node("queries").ifPresent(queries -> query.set("queries", queries));
    args.node("equations").ifPresent(equations -> query.set("equations", equations));
    for (String field : List.of("watch", "interval", "window")) {
      args.optionalText(field).ifPresent(value -> query.put(field, value));
    }
    args.node("detection").ifPresent(detection -> body.set("detection", detection));
    args.node("evaluation").ifPresent(evaluation -> body.set("evaluation", evaluation));
    args.optionalText("noData").ifPresent(noData -> body.put("noData", noData));
    return body;
  }

  /** The monitor's query over the last day, as the Explorer shows it. */
  private ObjectNode explorerView(JsonNode query) {
    ObjectNode view = query.deepCopy();
    view.remove(List.of("watch", "window"));
    return view.put("period", "24h");
  }
}
