package dev.appmetrics.dashboard.mcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The MCP server's settings (appmetrics.mcp.*). */
@ConfigMapping(prefix = "appmetrics.mcp")
public interface McpConfig {

  /** The web UI's address as people open it: Explorer, trace and dashboard links in tool answers start with it. */
  @WithDefault("http://127.0.0.1:8080")
  String uiUrl();
}
