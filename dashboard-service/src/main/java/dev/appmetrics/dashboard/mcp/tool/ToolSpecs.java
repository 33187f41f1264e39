package dev.appmetrics.dashboard.mcp.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.error.ApiException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * Turns a {@link Tool} into the SDK's specification: the scope check before anything runs (default deny, as the
 * REST API), Mutiny to Reactor, and every failure as an error result the assistant can read and act on.
 */
@ApplicationScoped
public class ToolSpecs {

  private static final Logger LOG = Logger.getLogger(ToolSpecs.class);

  private final ObjectMapper json;

  public ToolSpecs(ObjectMapper json) {
    this.json = json;
  }

  public AsyncToolSpecification toSpecification(Tool tool) {
    McpSchema.Tool described =
        McpSchema.Tool.builder(tool.name(), tool.inputSchema())
            .description(tool.description())
            .annotations(
                McpSchema.ToolAnnotations.builder()
                    .readOnlyHint(tool.scope() == Scope.READ)
                    .destructiveHint(false)
                    .openWorldHint(false)
                    .build())
            .build();
    return new AsyncToolSpecification(
        described,
        (context, request) ->
            Mono.fromCompletionStage(
                () -> call(tool, context, request).subscribeAsCompletionStage()));
  }

  private Uni<McpSchema.CallToolResult> call(
      Tool tool, McpTransportContext context, McpSchema.CallToolRequest request) {
    Caller caller = (Caller) context.get(ToolCall.CALLER);
    ObjectNode arguments =
        json.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
    return Uni.createFrom()
        .deferred(
            () -> {
              caller.requireScope(tool.scope());
              return tool.handler()
                  .apply(
                      new ToolCall(
                          caller,
                          (String) context.get(ToolCall.AUTHORIZATION),
                          new Arguments(arguments)));
            })
        .map(text -> result(text, false))
        .onFailure()
        .recoverWithItem(failure -> result(message(tool, failure), true));
  }

  private static String message(Tool tool, Throwable failure) {
    if (failure instanceof ToolFailure) {
      return failure.getMessage();
    }
    if (failure instanceof ApiException api) {
      return ApiErrors.describe(api.toResponse());
    }
    LOG.errorf(failure, "MCP tool %s failed", tool.name());
    return "The tool failed unexpectedly: " + failure;
  }

  private static McpSchema.CallToolResult result(String text, boolean error) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
  }
}
