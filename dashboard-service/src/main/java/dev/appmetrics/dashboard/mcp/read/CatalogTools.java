package dev.appmetrics.dashboard.mcp.read;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The metric catalog of query-service: which metrics exist, their attributes and the attributes' top values. */
@ApplicationScoped
public class CatalogTools implements ToolGroup {

  private static final String PERIOD = "7d";
  private static final int MAX_KEYS = 30;

  private final ServiceApi query;

  public CatalogTools(ServiceApis apis) {
    this.query = apis.query();
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.read(
            "list_metrics",
            """
            List the metrics sent to the projects: name, kind (counter, gauge or distribution), unit, events stored in \
            the period (volume, not extrapolated by sample rate) and when last seen, busiest first.""",
            CommonArgs.projects(Schema.object())
                .string("period", "How far back to look, e.g. 24h or 7d (default 7d, at most 90d).")
                .string(
                    "nameContains",
                    "Only metrics whose name contains this text (case-insensitive).")
                .integer("limit", "At most this many metrics (default 100).", 1, 1000)
                .required("projects"),
            this::listMetrics),
        Tool.read(
            "describe_metric",
            """
            Describe one metric: kind, unit, volume, the aggregates its kind takes, and each attribute key with its \
            type and most frequent values (with event counts). Use it before filtering or grouping by an attribute.""",
            CommonArgs.projects(Schema.object())
                .string("metric", "The metric's exact name, e.g. checkout.duration.")
                .string("period", "How far back to look (default 7d).")
                .strings(
                    "keys",
                    "Only these attribute keys (default: every key, at most " + MAX_KEYS + ").")
                .integer(
                    "topValues",
                    "Values shown per attribute, most frequent first (default 10).",
                    1,
                    100)
                .required("projects", "metric"),
            this::describeMetric));
  }

  private Uni<String> listMetrics(ToolCall call) {
    Arguments args = call.arguments();
    String contains = args.text("nameContains", "").toLowerCase(Locale.ROOT);
    int limit = args.integer("limit", 100);
    return query
        .get(call, "/api/v1/catalog/metrics" + CommonArgs.projectQuery(args, PERIOD))
        .map(
            answer -> {
              List<JsonNode> metrics = new ArrayList<>();
              answer
                  .path("metrics")
                  .forEach(
                      m -> {
                        if (m.path("name").asText().toLowerCase(Locale.ROOT).contains(contains)) {
                          metrics.add(m);
                        }
                      });
              metrics.sort(
                  (a, b) -> Long.compare(b.path("count").asLong(), a.path("count").asLong()));
              TextTable table = new TextTable("metric", "kind", "unit", "events", "last seen");
              metrics.stream()
                  .limit(limit)
                  .forEach(
                      m ->
                          table.row(
                              m.path("name").asText(),
                              m.path("kind").asText(),
                              m.path("unit").asText("-"),
                              m.path("count").asLong(),
                              m.path("lastSeen").asText()));
              return metrics.size()
                  + " metric(s) in the last "
                  + args.text("period", PERIOD)
                  + (metrics.size() > limit ? ", the " + limit + " busiest shown" : "")
                  + "\n"
                  + table;
            });
  }

  private Uni<String> describeMetric(ToolCall call) {
    Arguments args = call.arguments();
    String metric = args.text("metric");
    String range = CommonArgs.projectQuery(args, PERIOD);
    String base = "/api/v1/catalog/metrics/" + ServiceApi.encode(metric) + "/attributes";
    int top = args.integer("topValues", 10);
    List<String> onlyKeys = args.strings("keys");
    Uni<JsonNode> catalog = query.get(call, "/api/v1/catalog/metrics" + range);
    Uni<JsonNode> aggregates = query.get(call, "/api/v1/catalog/aggregates");
    Uni<List<String>> attributes =
        query
            .get(call, base + range)
            .flatMap(
                answer -> {
                  List<Uni<String>> keys = new ArrayList<>();
                  for (JsonNode attribute : answer.path("attributes")) {
                    String key = attribute.path("key").asText();
                    if ((onlyKeys.isEmpty() || onlyKeys.contains(key)) && keys.size() < MAX_KEYS) {
                      keys.add(
                          query
                              .get(call, base + "/" + ServiceApi.encode(key) + "/values" + range)
                              .map(
                                  values ->
                                      attributeText(
                                          key, attribute.path("type").asText(), values, top)));
                    }
                  }
                  return keys.isEmpty()
                      ? Uni.createFrom().item(List.of())
                      : Uni.join().all(keys).andFailFast();
                });
    return Uni.combine()
        .all()
        .unis(catalog, aggregates, attributes)
        .asTuple()
        .map(
            all -> {
              StringBuilder text = new StringBuilder("metric " + metric);
              JsonNode found = null;
              for (JsonNode m : all.getItem1().path("metrics")) {
                if (m.path("name").asText().equals(metric)) {
                  found = m;
                }
              }
              if (found == null) {
                return text.append(": no events in these projects in the last ")
                    .append(args.text("period", PERIOD))
                    .append(" (check the name with list_metrics)")
                    .toString();
              }
              String kind = found.path("kind").asText();
              text.append(": ")
                  .append(kind)
                  .append(", unit ")
                  .append(found.path("unit").asText("none"))
                  .append(", ")
                  .append(found.path("count").asLong())
                  .append(" events, last seen ")
                  .append(found.path("lastSeen").asText())
                  .append('\n')
                  .append("aggregates for ")
                  .append(kind)
                  .append(" (first is the default): ")
                  .append(all.getItem2().path("aggregates").path(kind))
                  .append('\n');
              all.getItem3().forEach(text::append);
              return text.toString();
            });
  }

  private static String attributeText(String key, String type, JsonNode values, int top) {
    StringBuilder text =
        new StringBuilder("\nattribute ").append(key).append(" (").append(type).append(")\n");
    TextTable table = new TextTable("value", "events");
    int shown = 0;
    for (JsonNode value : values.path("values")) {
      if (shown++ < top) {
        table.row(value.path("value").asText(), value.path("count").asLong());
      }
    }
    return text.append(table).toString();
  }
}
