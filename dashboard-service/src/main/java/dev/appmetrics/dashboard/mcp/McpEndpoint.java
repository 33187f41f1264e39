package dev.appmetrics.dashboard.mcp;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * MCP's Streamable HTTP transport at /mcp, stateless: each POST carries one JSON-RPC message and gets its answer as
 * JSON. A REST resource like any other, so the API auth filter has already accepted the Bearer token (default deny;
 * connecting takes the 'read' scope, each tool then checks its own). No GET stream: the server sends nothing unasked,
 * and JAX-RS answers GET with 405, which the protocol allows.
 */
@Path("/mcp")
@RequiresScope(Scope.READ)
public class McpEndpoint {

  private static final Logger LOG = Logger.getLogger(McpEndpoint.class);

  private final McpServerRuntime runtime;
  private final CurrentCaller caller;

  public McpEndpoint(McpServerRuntime runtime, CurrentCaller caller) {
    this.runtime = runtime;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> message(
      String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(runtime.json(), body);
    } catch (IOException | IllegalArgumentException e) {
      return Uni.createFrom()
          .item(
              json(
                  400,
                  new McpSchema.JSONRPCResponse(
                      McpSchema.JSONRPC_VERSION,
                      null,
                      null,
                      new McpSchema.JSONRPCResponse.JSONRPCError(
                          McpSchema.ErrorCodes.PARSE_ERROR,
                          "Not a JSON-RPC message: " + e.getMessage(),
                          null))));
    }
    // Tools run after this method returns, outside the request scope: they get the caller with the
    // message.
    McpTransportContext context =
        McpTransportContext.create(
            Map.of(ToolCall.CALLER, caller.get(), ToolCall.AUTHORIZATION, authorization));
    if (message instanceof McpSchema.JSONRPCRequest request) {
      return Uni.createFrom()
          .completionStage(() -> runtime.handler().handleRequest(context, request).toFuture())
          .map(answer -> json(200, answer));
    }
    if (message instanceof McpSchema.JSONRPCNotification notification) {
      return Uni.createFrom()
          .completionStage(
              () -> runtime.handler().handleNotification(context, notification).toFuture())
          .replaceWith(Response.accepted().build());
    }
    // A response to a server request: this server sends none, so there is nothing to match it with.
    return Uni.createFrom().item(Response.accepted().build());
  }

  private Response json(int status, Object entity) {
    try {
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(runtime.json().writeValueAsString(entity))
          .build();
    } catch (IOException e) {
      LOG.error("Cannot write an MCP answer", e);
      return Response.serverError().build();
    }
  }
}
