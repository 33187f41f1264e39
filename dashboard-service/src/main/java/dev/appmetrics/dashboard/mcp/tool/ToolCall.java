package dev.appmetrics.dashboard.mcp.tool;

import dev.appmetrics.common.auth.Caller;

/**
 * One tool call: who makes it, the Authorization header to forward to query-service and monitor-service (which then
 * apply their own rules to the same token), and the arguments.
 */
public record ToolCall(Caller caller, String authorization, Arguments arguments) {

  /** Keys of the transport context the endpoint fills per message. */
  public static final String CALLER = "appmetrics.caller";

  public static final String AUTHORIZATION = "appmetrics.authorization";

  public long organizationId() {
    return caller.organizationId();
  }
}
