package dev.appmetrics.dashboard.mcp.tool;

import dev.appmetrics.common.auth.Scope;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Function;

/**
 * One MCP tool: what an assistant reads to choose and call it (name, description, JSON schema of its arguments), the
 * token scope it needs, and the call itself, which answers compact text.
 */
public record Tool(
    String name,
    String description,
    Map<String, Object> inputSchema,
    Scope scope,
    Function<ToolCall, Uni<String>> handler) {

  public static Tool read(
      String name, String description, Schema schema, Function<ToolCall, Uni<String>> handler) {
    return new Tool(name, description, schema.build(), Scope.READ, handler);
  }

  public static Tool write(
      String name, String description, Schema schema, Function<ToolCall, Uni<String>> handler) {
    return new Tool(name, description, schema.build(), Scope.WRITE, handler);
  }
}
