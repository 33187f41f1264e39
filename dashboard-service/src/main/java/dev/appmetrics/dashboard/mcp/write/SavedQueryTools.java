package dev.appmetrics.dashboard.mcp.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.explorer.ExplorerQuery;
import dev.appmetrics.dashboard.mcp.read.QuerySchemas;
import dev.appmetrics.dashboard.mcp.text.Links;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.Tool;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import dev.appmetrics.dashboard.savedquery.SavedQueryRequest;
import dev.appmetrics.dashboard.savedquery.SavedQueryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** "Save As, New Query" for an assistant: through SavedQueryService, with its validation. */
@ApplicationScoped
public class SavedQueryTools implements ToolGroup {

  private final SavedQueryService savedQueries;
  private final Links links;
  private final ObjectMapper json;

  public SavedQueryTools(SavedQueryService savedQueries, Links links, ObjectMapper json) {
    this.savedQueries = savedQueries;
    this.links = links;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.write(
            "save_query",
            """
        Save an Explorer query (the arguments of query_timeseries) under a name, for everyone in the organization. \
        Needs the token's write scope. Answers the saved query's id and a link that opens it in the Explorer.""",
            QuerySchemas.explorerQuery(
                    Schema.object().string("name", "The saved query's name (1 to 200 characters)."),
                    "24h")
                .oneOf(
                    "compare",
                    "previous_period to compare with the range before.",
                    List.of("previous_period"))
                .required("name", "projects", "queries"),
            this::save));
  }

  private Uni<String> save(ToolCall call) {
    ObjectNode request = QuerySchemas.request(json, call.arguments(), "24h");
    ExplorerQuery spec = Specs.read(json, request, ExplorerQuery.class);
    return savedQueries
        .create(
            call.organizationId(),
            new SavedQueryRequest(call.arguments().text("name"), spec, null),
            call.authorization())
        .map(
            saved -> {
              ObjectNode marker =
                  json.createObjectNode()
                      .put("id", saved.id())
                      .put("name", saved.name())
                      .put("version", saved.version());
              return "Saved query "
                  + saved.id()
                  + " \""
                  + saved.name()
                  + "\" (version "
                  + saved.version()
                  + ")\nURL: "
                  + links.explorer(request, marker)
                  + "\nAll saved queries: "
                  + links.savedQueries();
            });
  }
}
