package dev.appmetrics.dashboard.mcp.read;

import dev.appmetrics.dashboard.mcp.text.TextTable;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.Tool;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import dev.appmetrics.dashboard.paging.Page;
import dev.appmetrics.dashboard.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The organization's projects, read from this service's own store. */
@ApplicationScoped
public class ProjectTools implements ToolGroup {

  private final ProjectService projects;

  public ProjectTools(ProjectService projects) {
    this.projects = projects;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.read(
            "list_projects",
            "List the projects of your organization (id, slug, name). Every other tool takes project ids from here.",
            Schema.object(),
            call ->
                projects
                    .list(call.caller(), null, 0, Page.MAX_LIMIT)
                    .map(
                        page -> {
                          TextTable table = new TextTable("id", "slug", "name", "created");
                          page.items()
                              .forEach(p -> table.row(p.id(), p.slug(), p.name(), p.createdAt()));
                          return page.total() + " project(s)\n" + table;
                        })));
  }
}
