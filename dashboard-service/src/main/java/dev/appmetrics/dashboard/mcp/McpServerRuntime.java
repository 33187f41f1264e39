package dev.appmetrics.dashboard.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.dashboard.mcp.reference.SearchSyntaxReference;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import dev.appmetrics.dashboard.mcp.tool.ToolSpecs;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;

/** The MCP server: every tool group's tools, the search-syntax resource and prompt, stateless over HTTP. */
@ApplicationScoped
public class McpServerRuntime {

  static final String INSTRUCTIONS =
      """
      appmetrics: application metrics (counters, gauges, distributions) recorded inside traces, with monitors and \
      issues. Start with list_projects and list_metrics; query_timeseries charts a metric; explain_change says which \
      attribute values moved a metric between two windows; list_samples, get_trace and find_comparable_traces follow \
      a spike to the traces behind it. Filters use the search syntax of the resource appmetrics://reference/search-syntax. \
      Every answer is limited to the organization of your API token; write tools need its 'write' scope.""";

  private final EndpointTransport transport = new EndpointTransport();
  private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
  private final McpStatelessAsyncServer server;

  public McpServerRuntime(
      Instance<ToolGroup> groups, ToolSpecs specs, SearchSyntaxReference reference) {
    this.server =
        McpServer.async(transport)
            .serverInfo("appmetrics", "0.1.0")
            .instructions(INSTRUCTIONS)
            .jsonMapper(json)
            .tools(
                groups.stream()
                    .sorted(Comparator.comparing(group -> group.getClass().getName()))
                    .flatMap(group -> group.tools().stream())
                    .map(specs::toSpecification)
                    .toList())
            .resources(reference.resource())
            .prompts(reference.prompt())
            .build();
  }

  McpStatelessServerHandler handler() {
    return transport.handler();
  }

  McpJsonMapper json() {
    return json;
  }

  @PreDestroy
  void close() {
    server.close();
  }
}
