package dev.appmetrics.dashboard.mcp.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.common.time.ApiDuration;
import dev.appmetrics.dashboard.mcp.explain.Contributions.Group;
import dev.appmetrics.dashboard.mcp.read.QuerySchemas;
import dev.appmetrics.dashboard.mcp.tool.Arguments;
import dev.appmetrics.dashboard.mcp.tool.CommonArgs;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.Tool;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import dev.appmetrics.dashboard.mcp.tool.ToolFailure;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApi;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApis;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "Explain a change": a metric in a window against a baseline window, broken down by each attribute, with the groups
 * that moved it most and sample events from the window. Every number comes from query-service's timeseries and
 * samples APIs with the caller's token.
 */
@ApplicationScoped
public class ExplainChangeTool implements ToolGroup {

  /** Attribute keys broken down at most: two queries each share one request of at most 26 queries. */
  static final int MAX_KEYS = 10;

  private final ServiceApi query;
  private final ChangeText text;
  private final ObjectMapper json;

  public ExplainChangeTool(ServiceApis apis, ChangeText text, ObjectMapper json) {
    this.query = apis.query();
    this.text = text;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.read(
            "explain_change",
            """
        Explain how a metric changed between a window and a baseline window: the value in each, the change, and for \
        each attribute the top groups (attribute values) by their contribution to the change, with their share of \
        it, then sample events from the window with trace links (the top group's worst events). The first line names \
        the attribute value that moved the metric most. Example: {"projects": [12], "metric": "checkout.duration", \
        "aggregate": "p95", "period": "1h"} compares the last hour with the hour before.""",
            CommonArgs.projects(Schema.object())
                .string("metric", "The metric's name.")
                .string(
                    "aggregate",
                    "Default avg. Additive ones (sum, count, per_second, per_minute) split the change"
                        + " exactly; for avg the groups' contributions add up to the change; for percentiles they rank"
                        + " groups by events × value. "
                        + QuerySchemas.AGGREGATES)
                .string("filter", CommonArgs.FILTER_HELP)
                .string(
                    "period",
                    "The window: the last 15m, 1h, 24h… (default 1h). Or give start and end.")
                .string("start", "Window start, ISO-8601.")
                .string("end", "Window end, ISO-8601.")
                .string(
                    "baselineStart",
                    "Baseline window start, ISO-8601; it is as long as the window."
                        + " Default: the window's length right before it. E.g. one day earlier for a daily pattern.")
                .strings(
                    "attributes",
                    "Attribute keys to break down by (default: the metric's keys, at most "
                        + MAX_KEYS
                        + ").")
                .integer("top", "Groups shown per attribute (default 5).", 1, 20)
                .required("projects", "metric"),
            this::explain));
  }

  private Uni<String> explain(ToolCall call) {
    Arguments args = call.arguments();
    ChangeWindows windows = windows(args);
    Aggregation aggregation = Aggregation.of(args.text("aggregate", "avg"));
    return keys(call, windows)
        .flatMap(
            keys -> {
              Uni<JsonNode> window =
                  timeseries(call, windows.start(), windows.end(), windows, aggregation, keys);
              Uni<JsonNode> baseline =
                  timeseries(
                      call,
                      windows.baselineStart(),
                      windows.baselineEnd(),
                      windows,
                      aggregation,
                      keys);
              return Uni.combine()
                  .all()
                  .unis(window, baseline)
                  .asTuple()
                  .flatMap(
                      answers -> {
                        Breakdown breakdown =
                            Breakdown.of(aggregation, keys, answers.getItem1(), answers.getItem2());
                        Group top = breakdown.topMover();
                        String filter =
                            SampleFilter.narrow(
                                args.text("filter", null),
                                top == null ? null : breakdown.topKey(),
                                top);
                        boolean rose = breakdown.change() == null || breakdown.change() >= 0;
                        return samples(call, windows, filter, rose)
                            .map(
                                samples ->
                                    text.of(
                                        args.text("metric"),
                                        aggregation,
                                        windows,
                                        breakdown,
                                        args.integer("top", 5),
                                        filter,
                                        samples));
                      });
            });
  }

  private ChangeWindows windows(Arguments args) {
    try {
      Instant baseline = args.optionalText("baselineStart").map(Instant::parse).orElse(null);
      if (args.optionalText("start").isPresent() || args.optionalText("end").isPresent()) {
        return ChangeWindows.of(
            Instant.parse(args.text("start")), Instant.parse(args.text("end")), baseline);
      }
      Instant now = Instant.now();
      return ChangeWindows.of(now.minus(duration(args.text("period", "1h"))), now, baseline);
    } catch (DateTimeParseException e) {
      throw new ToolFailure(
          "start, end and baselineStart are ISO-8601 instants such as 2026-11-25T10:00:00Z");
    }
  }

  private static Duration duration(String text) {
    return ApiDuration.parse(text)
        .filter(duration -> !duration.isZero())
        .orElseThrow(
            () ->
                new ToolFailure(
                    "'period' must be a whole number and s, m, h or d, for example 1h"));
  }

  /** The keys asked for, or the metric's keys seen since the baseline started. */
  private Uni<List<String>> keys(ToolCall call, ChangeWindows windows) {
    Arguments args = call.arguments();
    List<String> asked = args.strings("attributes");
    if (!asked.isEmpty()) {
      return Uni.createFrom().item(asked.stream().distinct().limit(MAX_KEYS).toList());
    }
    long seconds =
        Math.max(60, Duration.between(windows.baselineStart(), Instant.now()).toSeconds());
    String catalog =
        CommonArgs.projectQuery(args, "7d").replaceAll("&period=.*$", "&period=" + seconds + "s");
    return query
        .get(
            call,
            "/api/v1/catalog/metrics/"
                + ServiceApi.encode(args.text("metric"))
                + "/attributes"
                + catalog)
        .map(
            answer -> {
              Set<String> keys = new LinkedHashSet<>();
              answer.path("attributes").forEach(a -> keys.add(a.path("key").asText()));
              return keys.stream().limit(MAX_KEYS).toList();
            });
  }

  /** Labels: A the aggregate and B its events per second overall, then two per key in order (C, D for the first). */
  private Uni<JsonNode> timeseries(
      ToolCall call,
      Instant start,
      Instant end,
      ChangeWindows windows,
      Aggregation aggregation,
      List<String> keys) {
    Arguments args = call.arguments();
    ObjectNode request =
        CommonArgs.putProjects(json.createObjectNode(), args)
            .put("start", start.toString())
            .put("end", end.toString())
            .put("interval", windows.interval());
    ArrayNode queries = request.putArray("queries");
    for (int i = -1; i < keys.size(); i++) {
      String key = i < 0 ? null : keys.get(i);
      queries.add(query(Breakdown.valueLabel(i), args, aggregation.aggregate(), key));
      queries.add(query(Breakdown.eventsLabel(i), args, "per_second", key));
    }
    return query.post(call, "/api/v1/query/timeseries", request);
  }

  private ObjectNode query(String label, Arguments args, String aggregate, String key) {
    ObjectNode query =
        json.createObjectNode()
            .put("label", label)
            .put("metric", args.text("metric"))
            .put("aggregate", aggregate);
    args.optionalText("filter").ifPresent(filter -> query.put("filter", filter));
    if (key != null) {
      query.putArray("groupBy").add(key);
    }
    return query;
  }

  private Uni<JsonNode> samples(ToolCall call, ChangeWindows windows, String filter, boolean rose) {
    ObjectNode request =
        CommonArgs.putProjects(json.createObjectNode(), call.arguments())
            .put("start", windows.start().toString())
            .put("end", windows.end().toString())
            .put("metric", call.arguments().text("metric"))
            .put("sort", rose ? "-value" : "value")
            .put("limit", 5);
    if (filter != null) {
      request.put("filter", filter);
    }
    return query.post(call, "/api/v1/query/samples", request);
  }
}
