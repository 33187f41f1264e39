package dev.appmetrics.dashboard.mcp.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.mcp.McpConfig;
import dev.appmetrics.dashboard.mcp.upstream.ServiceApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Links into the web UI, built as its router reads them (src/main/webui/src/main.ts, state.ts). */
@ApplicationScoped
public class Links {

  /** The parts of a timeseries request that the Explorer's URL state holds. */
  private static final Set<String> EXPLORER_FIELDS =
      Set.of("projects", "period", "start", "end", "interval", "queries", "equations");

  private final String ui;
  private final ObjectMapper json;

  public Links(McpConfig config, ObjectMapper json) {
    this.ui = config.uiUrl().replaceAll("/+$", "");
    this.json = json;
  }

  /** The Explorer showing this timeseries request; {@code saved} (may be null) marks it as that saved query. */
  public String explorer(JsonNode request, JsonNode saved) {
    ObjectNode state = json.createObjectNode();
    request
        .fields()
        .forEachRemaining(
            field -> {
              if (EXPLORER_FIELDS.contains(field.getKey())) {
                state.set(field.getKey(), field.getValue());
              }
            });
    state.put("compare", "previous_period".equals(request.path("compare").asText()));
    if (saved != null) {
      state.set("saved", saved);
    }
    return ui + "/explorer?state=" + ServiceApi.encode(state.toString());
  }

  public String trace(long project, String traceId, String at, String spanId) {
    return ui
        + "/traces/"
        + traceId
        + "?project="
        + project
        + (at == null || at.isEmpty() ? "" : "&at=" + ServiceApi.encode(at))
        + (spanId == null || spanId.isEmpty() ? "" : "&span=" + spanId);
  }

  public String dashboard(long id) {
    return ui + "/dashboards/" + id;
  }

  public String monitor(long id) {
    return ui + "/monitors/" + id;
  }

  public String issue(long id) {
    return ui + "/monitors/issues/" + id;
  }

  public String savedQueries() {
    return ui + "/saved-queries";
  }
}
