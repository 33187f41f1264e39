package dev.appmetrics.dashboard.mcp.tool;

import java.util.List;

/** A feature's tools; every CDI bean implementing this is served at /mcp. */
public interface ToolGroup {

  List<Tool> tools();
}
