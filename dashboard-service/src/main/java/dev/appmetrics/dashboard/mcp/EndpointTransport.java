package dev.appmetrics.dashboard.mcp;

import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * The SDK's view of {@link McpEndpoint}: the SDK hands its protocol handler here, and the JAX-RS resource feeds it
 * each message. HTTP stays with RESTEasy Reactive, so /mcp goes through the same auth filter as every API.
 */
final class EndpointTransport implements McpStatelessServerTransport {

  private volatile McpStatelessServerHandler handler;

  @Override
  public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
    this.handler = mcpHandler;
  }

  McpStatelessServerHandler handler() {
    return handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }
}
