package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.mcp.text.Links;
import dev.appmetrics.dashboard.mcp.text.Numbers;
import dev.appmetrics.dashboard.mcp.text.TextTable;
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
import java.util.List;
import java.util.Map;

/** Traces (docs/traces.md): one trace compactly, comparable traces, and cross-event trace search. */
@ApplicationScoped
public class TraceTools implements ToolGroup {

  private static final List<String> MATCH_KEYS =
      List.of("release", "environment", "transaction", "op");

  private final ServiceApi query;
  private final Links links;
  private final ObjectMapper json;

  public TraceTools(ServiceApis apis, Links links, ObjectMapper json) {
    this.query = apis.query();
    this.links = links;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    Schema comparable =
        Schema.object()
            .integer("project", "The project id.", 1, Long.MAX_VALUE)
            .string("timestamp", "Around when, ISO-8601 (a sample's time).")
            .string("excludeTraceId", "Leave out this trace (the sample's own).")
            .integer("limit", "At most this many traces (default 10).", 1, 100);
    MATCH_KEYS.forEach(
        key -> comparable.string(key, "Only traces whose segment span has this " + key + "."));
    return List.of(
        Tool.read(
            "get_trace",
            """
            One trace, compact: its spans as an indented tree (op, description, status, start offset and duration in \
            ms), then its errors (type, value, innermost in-app frames), logs and metric events. Pass at (the \
            sample's time) when coming from a sample: it makes the lookup fast and shows metric events of a trace \
            whose spans were not stored. A trace not stored answers with no spans: use find_comparable_traces.""",
            Schema.object()
                .integer("project", "The project id.", 1, Long.MAX_VALUE)
                .string("traceId", "32 hex characters.")
                .string("at", "The sample's time, ISO-8601 (optional).")
                .required("project", "traceId"),
            this::trace),
        Tool.read(
            "find_comparable_traces",
            """
            Traces like a sample's when its own trace was not stored: segment spans with the same release, environment, \
            transaction (and op) as given, nearest in time first (searching 1 hour, then 1 day, then 7 days around).""",
            comparable.required("project", "timestamp"),
            this::comparable),
        Tool.read(
            "search_traces",
            """
            Find traces meeting every condition, each on one kind of event: metric (metric required, filter in the \
            search syntax, having e.g. {"aggregate": "sum", "operator": ">", "value": 0}), span (op, status, text in \
            the description, durationMs e.g. {"operator": ">", "value": 500}), log (level, text in the body), error \
            (level, exceptionType, text in the value). having aggregates: count for all kinds; sum, min, max, avg of a \
            metric's value or a span's duration. Most recent first.""",
            CommonArgs.timeRange(
                    Schema.object().integer("project", "The project id.", 1, Long.MAX_VALUE), "24h")
                .property(
                    "conditions",
                    Map.of(
                        "type",
                        "array",
                        "minItems",
                        1,
                        "description",
                        "Conditions, e.g. [{\"kind\": \"span\", \"op\": \"db.query\", \"durationMs\": {\"operator\": \">\","
                            + " \"value\": 500}}, {\"kind\": \"error\", \"exceptionType\": \"TimeoutError\"}]",
                        "items",
                        Map.of("type", "object")))
                .integer("limit", "At most this many traces (default 20).", 1, 1000)
                .required("project", "conditions"),
            this::search));
  }

  private Uni<String> trace(ToolCall call) {
    Arguments args = call.arguments();
    long project = args.id("project");
    String traceId = args.text("traceId");
    String at = args.optionalText("at").map(a -> "&at=" + ServiceApi.encode(a)).orElse("");
    return query
        .get(call, "/api/v1/traces/" + ServiceApi.encode(traceId) + "?project=" + project + at)
        .map(
            trace ->
                TraceText.of(trace)
                    + "\nTrace view: "
                    + links.trace(project, traceId, args.text("at", null), null));
  }

  private Uni<String> comparable(ToolCall call) {
    Arguments args = call.arguments();
    long project = args.id("project");
    ObjectNode request =
        json.createObjectNode()
            .put("project", project)
            .put("timestamp", args.text("timestamp"))
            .put("limit", args.integer("limit", 10));
    ObjectNode match = request.putObject("match");
    MATCH_KEYS.forEach(key -> args.optionalText(key).ifPresent(value -> match.put(key, value)));
    args.optionalText("excludeTraceId").ifPresent(id -> request.put("excludeTraceId", id));
    return query
        .post(call, "/api/v1/traces/comparable", request)
        .map(
            answer -> {
              TextTable table =
                  new TextTable(
                      "trace",
                      "transaction",
                      "op",
                      "release",
                      "environment",
                      "status",
                      "start",
                      "duration ms",
                      "distance ms",
                      "trace view");
              for (JsonNode t : answer.path("traces")) {
                table.row(
                    t.path("traceId").asText(),
                    t.path("transaction").asText(),
                    t.path("op").asText(),
                    t.path("release").asText(),
                    t.path("environment").asText(),
                    t.path("status").asText(),
                    t.path("start").asText(),
                    Numbers.format(t.path("durationMs").asDouble()),
                    Numbers.format(t.path("distanceMs").asDouble()),
                    links.trace(
                        project, t.path("traceId").asText(), t.path("start").asText(), null));
              }
              return answer.path("traces").size()
                  + " comparable trace(s) matching "
                  + match
                  + "\n"
                  + table;
            });
  }

  private Uni<String> search(ToolCall call) {
    Arguments args = call.arguments();
    long project = args.id("project");
    ObjectNode request =
        json.createObjectNode().put("project", project).put("limit", args.integer("limit", 20));
    CommonArgs.putTimeRange(request, args, "24h");
    request.set("conditions", args.node("conditions").orElseThrow());
    return query
        .post(call, "/api/v1/traces/search", request)
        .map(
            answer -> {
              TextTable table = new TextTable("trace", "first match", "last match", "trace view");
              for (JsonNode t : answer.path("traces")) {
                table.row(
                    t.path("traceId").asText(),
                    t.path("start").asText(),
                    t.path("end").asText(),
                    links.trace(
                        project, t.path("traceId").asText(), t.path("start").asText(), null));
              }
              return answer.path("traces").size()
                  + " trace(s)"
                  + (answer.path("truncated").asBoolean() ? " (more exist)" : "")
                  + "\n"
                  + table;
            });
  }
}
