package dev.appmetrics.dashboard.mcp.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appmetrics.dashboard.board.DashboardRequest;
import dev.appmetrics.dashboard.board.DashboardResponse;
import dev.appmetrics.dashboard.board.DashboardService;
import dev.appmetrics.dashboard.board.DashboardSpec;
import dev.appmetrics.dashboard.board.DashboardSpec.Layout;
import dev.appmetrics.dashboard.board.DashboardSpec.Widget;
import dev.appmetrics.dashboard.board.DashboardValidator;
import dev.appmetrics.dashboard.explorer.Equation;
import dev.appmetrics.dashboard.explorer.ExplorerQuery;
import dev.appmetrics.dashboard.mcp.read.QuerySchemas;
import dev.appmetrics.dashboard.mcp.text.Links;
import dev.appmetrics.dashboard.mcp.tool.Arguments;
import dev.appmetrics.dashboard.mcp.tool.Schema;
import dev.appmetrics.dashboard.mcp.tool.Tool;
import dev.appmetrics.dashboard.mcp.tool.ToolCall;
import dev.appmetrics.dashboard.mcp.tool.ToolGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** "Add to dashboard" for an assistant: a widget appended below an existing dashboard's, or a new dashboard. */
@ApplicationScoped
public class DashboardTools implements ToolGroup {

  private static final List<String> DISPLAYS =
      List.of("line", "area", "bar", "big_number", "table");

  private final DashboardService dashboards;
  private final Links links;
  private final ObjectMapper json;

  public DashboardTools(DashboardService dashboards, Links links, ObjectMapper json) {
    this.dashboards = dashboards;
    this.links = links;
    this.json = json;
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tool.write(
            "add_dashboard_widget",
            """
        Add a chart widget (queries and equations as in query_timeseries) to a dashboard: to dashboardId, placed \
        below its widgets, or to a new dashboard named dashboardName. Needs the write scope. Answers the dashboard's \
        id, the widget's id and the dashboard's URL.""",
            QuerySchemas.explorerQuery(
                    Schema.object()
                        .integer("dashboardId", "An existing dashboard's id.", 1, Long.MAX_VALUE)
                        .string(
                            "dashboardName",
                            "Name of a new dashboard, when no dashboardId is given."),
                    "24h")
                .string("title", "The widget's title.")
                .oneOf("display", "How to draw it (default line).", DISPLAYS)
                .string(
                    "series",
                    "The label to show (a query letter or an equation), or all (default).")
                .integer(
                    "width",
                    "Columns of the 12-column grid (default 12).",
                    1,
                    DashboardValidator.GRID_COLUMNS)
                .integer("height", "Grid rows (default 4).", 1, 24)
                .required("projects", "queries"),
            this::addWidget));
  }

  private Uni<String> addWidget(ToolCall call) {
    Arguments args = call.arguments();
    ObjectNode request = QuerySchemas.request(json, args, "24h");
    ExplorerQuery query = Specs.read(json, request, ExplorerQuery.class);
    long organization = call.organizationId();
    Uni<DashboardResponse> saved =
        args.optionalId("dashboardId")
            .map(
                id ->
                    dashboards
                        .get(organization, id)
                        .flatMap(
                            dashboard ->
                                dashboards.update(
                                    organization,
                                    id,
                                    new DashboardRequest(
                                        dashboard.name(),
                                        withWidget(
                                            dashboard.spec(),
                                            widget(args, query, dashboard.spec())),
                                        dashboard.version()),
                                    call.authorization())))
            .orElseGet(
                () -> {
                  DashboardSpec empty =
                      new DashboardSpec(
                          query.projects(),
                          query.period(),
                          query.start(),
                          query.end(),
                          null,
                          List.of());
                  return dashboards.create(
                      organization,
                      new DashboardRequest(
                          args.text("dashboardName"),
                          withWidget(empty, widget(args, query, empty)),
                          null),
                      call.authorization());
                });
    return saved.map(
        dashboard -> {
          Widget added = dashboard.spec().widgets().get(dashboard.spec().widgets().size() - 1);
          return "Dashboard "
              + dashboard.id()
              + " \""
              + dashboard.name()
              + "\" (version "
              + dashboard.version()
              + ") has widget "
              + added.id()
              + " \""
              + added.title()
              + "\"\nURL: "
              + links.dashboard(dashboard.id());
        });
  }

  private static Widget widget(Arguments args, ExplorerQuery query, DashboardSpec spec) {
    int below =
        spec.widgets() == null
            ? 0
            : spec.widgets().stream()
                .mapToInt(w -> w.layout().y() + w.layout().h())
                .max()
                .orElse(0);
    List<Equation> equations = query.equations();
    return new Widget(
        "w-" + UUID.randomUUID().toString().substring(0, 8),
        args.text("title", query.queries().get(0).metric()),
        args.text("display", "line"),
        query.queries(),
        equations,
        query.interval(),
        args.text("series", Widget.ALL_SERIES),
        new Layout(
            0,
            below,
            args.integer("width", DashboardValidator.GRID_COLUMNS),
            args.integer("height", 4)));
  }

  private static DashboardSpec withWidget(DashboardSpec spec, Widget widget) {
    List<Widget> widgets = new ArrayList<>(spec.widgets() == null ? List.of() : spec.widgets());
    widgets.add(widget);
    return new DashboardSpec(
        spec.projects(), spec.period(), spec.start(), spec.end(), spec.filter(), widgets);
  }
}
