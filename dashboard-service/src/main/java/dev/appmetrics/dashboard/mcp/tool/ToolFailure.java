package dev.appmetrics.dashboard.mcp.tool;

/** A tool call that cannot be answered; its message goes back to the assistant as the tool's error text. */
public class ToolFailure extends RuntimeException {

  public ToolFailure(String message) {
    super(message);
  }
}
