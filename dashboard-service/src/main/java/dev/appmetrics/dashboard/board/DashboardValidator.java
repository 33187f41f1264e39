package dev.appmetrics.dashboard.board;

import dev.appmetrics.common.error.ErrorResponse.Detail;
import dev.appmetrics.dashboard.board.DashboardSpec.Layout;
import dev.appmetrics.dashboard.board.DashboardSpec.Widget;
import dev.appmetrics.dashboard.explorer.Equation;
import dev.appmetrics.dashboard.explorer.ExplorerQuery;
import dev.appmetrics.dashboard.explorer.MetricQuery;
import dev.appmetrics.dashboard.explorer.QueryRules;
import dev.appmetrics.dashboard.explorer.SpecValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks what a dashboard adds to its queries: its projects, and that every widget can be drawn and placed. The
 * widgets' queries over the dashboard's range go to query-service as {@link QueryRules} checks.
 */
@ApplicationScoped
public class DashboardValidator {

  public static final int MAX_WIDGETS = 50;
  public static final int GRID_COLUMNS = 12;
  private static final Set<String> DISPLAYS = Set.of("line", "area", "bar", "big_number", "table");

  private final SpecValidator specs;

  public DashboardValidator(SpecValidator specs) {
    this.specs = specs;
  }

  /** Adds to {@code checks} each widget's queries over the dashboard's projects and range, for query-service. */
  public void validate(
      DashboardSpec spec, long organizationId, List<Detail> errors, List<QueryRules.Check> checks) {
    if (spec == null) {
      errors.add(new Detail("spec", "is required"));
      return;
    }
    boolean projectsOurs =
        specs.validateProjects(spec.projects(), organizationId, "spec.projects", errors);
    if (spec.widgets() == null) {
      return;
    }
    if (spec.widgets().size() > MAX_WIDGETS) {
      errors.add(new Detail("spec.widgets", "has more than " + MAX_WIDGETS + " widgets"));
      return;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < spec.widgets().size(); i++) {
      Widget widget = spec.widgets().get(i);
      validateWidget(widget, "spec.widgets[" + i + "]", ids, errors);
      if (widget != null && projectsOurs) {
        checks.add(
            new QueryRules.Check(
                "spec.widgets[" + i + "]",
                new ExplorerQuery(
                    spec.projects(),
                    spec.start(),
                    spec.end(),
                    spec.period(),
                    widget.interval(),
                    widget.queries(),
                    widget.equations(),
                    null)));
      }
    }
  }

  private void validateWidget(Widget widget, String at, Set<String> ids, List<Detail> errors) {
    if (widget == null) {
      errors.add(new Detail(at, "is null"));
      return;
    }
    if (widget.id() == null || widget.id().isBlank() || widget.id().length() > 64) {
      errors.add(new Detail(at + ".id", "is required (at most 64 characters)"));
    } else if (!ids.add(widget.id())) {
      errors.add(new Detail(at + ".id", "repeats widget id " + widget.id()));
    }
    if (widget.title() != null && widget.title().length() > 200) {
      errors.add(new Detail(at + ".title", "is longer than 200 characters"));
    }
    if (widget.display() == null || !DISPLAYS.contains(widget.display())) {
      errors.add(new Detail(at + ".display", "must be one of line, area, bar, big_number, table"));
    }
    if (widget.series() == null
        || !(Widget.ALL_SERIES.equals(widget.series())
            || labels(widget).contains(widget.series()))) {
      errors.add(
          new Detail(
              at + ".series",
              "must be 'all' or the label of one of the widget's queries or equations"));
    }
    Layout layout = widget.layout();
    if (layout == null) {
      errors.add(new Detail(at + ".layout", "is required"));
    } else if (layout.x() < 0
        || layout.w() < 1
        || layout.x() + layout.w() > GRID_COLUMNS
        || layout.y() < 0
        || layout.h() < 1
        || layout.h() > 24) {
      errors.add(
          new Detail(
              at + ".layout",
              "must fit the "
                  + GRID_COLUMNS
                  + "-column grid (x >= 0, 1 <= w, x + w <= "
                  + GRID_COLUMNS
                  + ", y >= 0, 1 <= h <= 24)"));
    }
  }

  private static Set<String> labels(Widget widget) {
    Stream<String> queries =
        widget.queries() == null
            ? Stream.empty()
            : widget.queries().stream().filter(q -> q != null).map(MetricQuery::label);
    Stream<String> equations =
        widget.equations() == null
            ? Stream.empty()
            : widget.equations().stream().filter(e -> e != null).map(Equation::label);
    Set<String> labels = new HashSet<>();
    Stream.concat(queries, equations).filter(label -> label != null).forEach(labels::add);
    return labels;
  }
}
