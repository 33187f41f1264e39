package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.mcp.tool.Arguments;
import dev.appmetrics.dashboard.mcp.tool.CommonArgs;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.ToolFailure;
import java.util.List;
import java.util.Map;

/**
 * The Explorer's query model as tool arguments, exactly the fields of query-service's timeseries request, so the
 * arguments travel on unchanged and query-service stays the one judge of them. Shared by the tools that read, save
 * or watch a query.
 */
public final class QuerySchemas {

  public static final String AGGREGATES =
      "counter: sum, per_second, per_minute; gauge: avg, min, max, last,"
          + " per_second, per_minute; distribution: count, sum, avg, min, max, p50, p75, p90, p95, p99, per_second,"
          + " per_minute (describe_metric lists the ones a metric takes).";

  private QuerySchemas() {}

  public static Map<String, Object> queries() {
    return Schema.arrayOf(
        "The lettered queries, 1 to 26.",
        Schema.object()
            .string("label", "One capital letter A..Z, unique; equations refer to it.")
            .string("metric", "Metric name (list_metrics).")
            .string("aggregate", "Aggregate per bucket. " + AGGREGATES)
            .string("filter", CommonArgs.FILTER_HELP)
            .strings(
                "groupBy",
                "Attribute keys to split the series by, e.g. [\"route\"]; a missing attribute is \"\".")
            .integer(
                "limit",
                "Top-N: keep the N groups with the largest (order desc) aggregate over the whole range;"
                    + " the rest is one series marked other.",
                1,
                1000)
            .oneOf("order", "Ranking order for limit (default desc).", List.of("asc", "desc"))
            .required("label", "metric", "aggregate"),
        26);
  }

  public static Map<String, Object> equations() {
    return Map.of(
        "type",
        "array",
        "description",
        "Equations over the queries, evaluated per bucket and group.",
        "items",
        Schema.object()
            .string("label", "Lowercase identifier such as f1.")
            .string(
                "expression",
                "+ - * / and parentheses over query labels, numbers and other equations,"
                    + " e.g. (A + B / 2) / C; division by zero gives no value.")
            .required("label", "expression")
            .build());
  }

  /** Projects, range, interval, queries and equations: an Explorer page. */
  public static Schema explorerQuery(Schema schema, String defaultPeriod) {
    return CommonArgs.timeRange(CommonArgs.projects(schema), defaultPeriod)
        .string(
            "interval",
            "Bucket width, e.g. 1m, 5m, 1h. Default: the smallest of 10s, 30s, 1m, 5m, 10m, 15m, 30m,"
                + " 1h, 3h, 6h, 12h, 1d giving at most 300 buckets; at most 10000 buckets.")
        .property("queries", queries())
        .property("equations", equations());
  }

  /** The timeseries request of an Explorer page given as arguments; query-service judges every field. */
  public static ObjectNode request(ObjectMapper json, Arguments args, String defaultPeriod) {
    ObjectNode request = CommonArgs.putProjects(json.createObjectNode(), args);
    CommonArgs.putTimeRange(request, args, defaultPeriod);
    args.optionalText("interval").ifPresent(interval -> request.put("interval", interval));
    request.set(
        "queries",
        args.node("queries")
            .orElseThrow(
                () ->
                    new ToolFailure(
                        "'queries' is required: at least one {label, metric, aggregate}")));
    args.node("equations").ifPresent(equations -> request.set("equations", equations));
    args.optionalText("compare").ifPresent(compare -> request.put("compare", compare));
    return request;
  }
}
