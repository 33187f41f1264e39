package dev.appmetrics.dashboard.mcp.reference;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.AsyncPromptSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The search syntax as a resource an assistant can read before writing a filter, and a prompt that walks the
 * debugging flow with the tools. The text follows docs/query.md, Filters.
 */
@ApplicationScoped
public class SearchSyntaxReference {

  public static final String URI = "appmetrics://reference/search-syntax";

  static final String TEXT =
      """
      # appmetrics search syntax (filters of queries, samples, monitors, explain_change)

      - key:value          attribute equals value          route:/checkout
      - !key:value         attribute differs (also matches events without the key)   !region:eu
      - key:[a, b]         any of the values               region:[eu, us]
      - key:"text"         quoted value (\\" inside)        message:"order \\"8812\\" failed"
      - key:prefix*, key:*part*   string attribute matches; * is any text (quoted: literal)   route:/api/*
      - has:key / !has:key the attribute is present / absent   has:user_id
      - key:<n  <=  >  >=  numeric comparison on integer and double attributes   retries:>2
      - value:<100, value:>=200, value:7, value:[1, 2]   on the metric's own value
      - Terms side by side are ANDed; AND, OR and parentheses work; AND binds tighter than OR:
        (route:/checkout OR route:/cart) region:eu value:>250

      How values match: retries:2 matches the integer 2, the double 2.0 and the string "2"; a key no event has matches
      nothing (an empty answer, not an error). Numbers must be finite.
      Limits: 4,096 characters, 50 terms, 32 levels of parentheses, 1,000 listed values in all.
      A malformed filter is refused with the field and the 1-based position, e.g.
      queries[1].filter: expected ':' after 'route' at position 7.

      Aggregates by metric kind: counter sum, per_second, per_minute; gauge avg, min, max, last, per_second,
      per_minute; distribution count, sum, avg, min, max, p50, p75, p90, p95, p99, per_second, per_minute.
      Durations (period, interval, window): a whole number and s, m, h or d, e.g. 30s, 15m, 24h, 7d.
      """;

  public AsyncResourceSpecification resource() {
    McpSchema.Resource resource =
        McpSchema.Resource.builder(URI, "search-syntax")
            .title("Search syntax for filters")
            .description(
                "How to write the filter of a query, a samples list, a monitor or explain_change, with examples.")
            .mimeType("text/markdown")
            .build();
    return new AsyncResourceSpecification(
        resource,
        (context, request) ->
            Mono.just(
                new McpSchema.ReadResourceResult(
                    List.of(new McpSchema.TextResourceContents(URI, "text/markdown", TEXT)))));
  }

  public AsyncPromptSpecification prompt() {
    McpSchema.Prompt prompt =
        new McpSchema.Prompt(
            "investigate_metric",
            "Investigate a metric's change",
            "Find out why a metric changed: chart it, explain the change by attribute, and follow samples to traces.",
            List.of(
                new McpSchema.PromptArgument("metric", "The metric's name", true),
                new McpSchema.PromptArgument("project", "A project id (list_projects)", true)));
    return new AsyncPromptSpecification(
        prompt,
        (context, request) -> {
          Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
          String text =
              "Investigate the metric "
                  + args.getOrDefault("metric", "?")
                  + " in project "
                  + args.getOrDefault("project", "?")
                  + ". First describe_metric for its kind, unit and attributes. Then"
                  + " query_timeseries over the last 24h with compare previous_period to find when it changed. Then"
                  + " explain_change for the window of the change against the period before it, to learn which attribute"
                  + " values moved it most. Open one or two of the sample traces it links with get_trace, and if a trace was"
                  + " not stored use find_comparable_traces. Finish with a short summary: what changed, when, where (the"
                  + " attribute values), and the evidence (trace links). Filters follow this syntax:\n\n"
                  + TEXT;
          return Mono.just(
              new McpSchema.GetPromptResult(
                  "Investigate a metric's change",
                  List.of(
                      new McpSchema.PromptMessage(
                          McpSchema.Role.USER, new McpSchema.TextContent(text)))));
        });
  }
}
