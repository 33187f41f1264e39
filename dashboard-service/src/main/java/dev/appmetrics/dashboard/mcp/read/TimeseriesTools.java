package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.mcp.text.Links;
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

/** Time series through query-service's POST /api/v1/query/timeseries, the Explorer's own request. */
@ApplicationScoped
public class TimeseriesTools implements ToolGroup {

  static final String PERIOD = "24h";

  private final ServiceApi query;
  private final Links links;
  private final ObjectMapper json;

  public TimeseriesTools(ServiceApis apis, Links links, ObjectMapper json) {
    this.query = apis.query();
    this.links = links;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.read(
            "query_timeseries",
            """
        Chart metrics: the Metrics Explorer's full query model. Several lettered queries (metric, aggregate, filter, \
        groupBy, top-N limit), equations over them (e.g. an error rate B / A * 100) and compare previous_period. \
        Answers one line per series (min, avg, max and when, last; with compare the previous period's average and \
        the change), a table of the buckets, and a link opening the same view in the Explorer. Empty buckets read 0 \
        for sum, count and rates and '-' (no value) otherwise. Example: {"projects": [12], "period": "6h", \
        "queries": [{"label": "A", "metric": "checkout.duration", "aggregate": "p95", "groupBy": ["route"], \
        "limit": 5}]}""",
            QuerySchemas.explorerQuery(Schema.object(), PERIOD)
                .oneOf(
                    "compare",
                    "previous_period adds the same range just before, bucket by bucket.",
                    List.of("previous_period"))
                .integer(
                    "maxRows",
                    "Buckets shown in the table, the latest (default 50); the summary covers all.",
                    0,
                    1000)
                .required("projects", "queries"),
            this::timeseries));
  }

  private Uni<String> timeseries(ToolCall call) {
    Arguments args = call.arguments();
    ObjectNode request = QuerySchemas.request(json, args, PERIOD);
    return query
        .post(call, "/api/v1/query/timeseries", request)
        .map(
            answer ->
                SeriesText.of(answer, args.integer("maxRows", 50))
                    + "\nExplorer: "
                    + links.explorer(request, null));
  }
}
