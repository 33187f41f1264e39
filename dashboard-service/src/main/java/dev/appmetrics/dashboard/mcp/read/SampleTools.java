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

/** Individual events of a metric (POST /api/v1/query/samples), each with the link to its trace. */
@ApplicationScoped
public class SampleTools implements ToolGroup {

  private final ServiceApi query;
  private final Links links;
  private final ObjectMapper json;

  public SampleTools(ServiceApis apis, Links links, ObjectMapper json) {
    this.query = apis.query();
    this.links = links;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.read(
            "list_samples",
            """
        List individual events (samples) of a metric: time, value, unit, trace and span ids, attributes, and a link to \
        the trace view. Sort -value to see the worst events of a spike; narrow start/end to one bucket of a chart. \
        Pages with cursor (send the same arguments and the nextCursor of the previous answer).""",
            CommonArgs.timeRange(CommonArgs.projects(Schema.object()), "1h")
                .string("metric", "The metric's name.")
                .string("filter", CommonArgs.FILTER_HELP)
                .oneOf(
                    "sort",
                    "Order (default -timestamp, newest first).",
                    List.of("-timestamp", "timestamp", "-value", "value"))
                .integer("limit", "Events per page (default 20).", 1, 1000)
                .string("cursor", "nextCursor of the previous page.")
                .required("projects", "metric"),
            this::samples));
  }

  private Uni<String> samples(ToolCall call) {
    Arguments args = call.arguments();
    ObjectNode request = CommonArgs.putProjects(json.createObjectNode(), args);
    CommonArgs.putTimeRange(request, args, "1h");
    request.put("metric", args.text("metric"));
    args.optionalText("filter").ifPresent(filter -> request.put("filter", filter));
    request.put("sort", args.text("sort", "-timestamp"));
    request.put("limit", args.integer("limit", 20));
    args.optionalText("cursor").ifPresent(cursor -> request.put("cursor", cursor));
    return query
        .post(call, "/api/v1/query/samples", request)
        .map(
            answer -> {
              TextTable table = sampleTable();
              for (JsonNode sample : answer.path("samples")) {
                table.row(sampleRow(sample));
              }
              JsonNode next = answer.path("nextCursor");
              return answer.path("samples").size()
                  + " sample(s)\n"
                  + table
                  + (next.isNull() || next.isMissingNode()
                      ? "last page"
                      : "nextCursor: " + next.asText());
            });
  }

  /** One sample as table cells; explain_change lists its samples the same way. */
  public List<String> sampleRow(JsonNode sample) {
    String traceId = sample.path("traceId").asText("");
    long project = sample.path("projectId").asLong();
    return List.of(
        sample.path("timestamp").asText(),
        Numbers.format(sample.path("value").asDouble()),
        sample.path("unit").asText("-"),
        Long.toString(project),
        traceId,
        sample.path("spanId").asText(""),
        sample.path("attributes").toString(),
        traceId.isEmpty()
            ? "-"
            : links.trace(
                project,
                traceId,
                sample.path("timestamp").asText(),
                sample.path("spanId").asText("")));
  }

  public static TextTable sampleTable() {
    return new TextTable(
        "time", "value", "unit", "project", "trace", "span", "attributes", "trace view");
  }
}
