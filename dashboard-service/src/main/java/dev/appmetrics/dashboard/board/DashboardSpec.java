package dev.appmetrics.dashboard.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.appmetrics.dashboard.explorer.Equation;
import dev.appmetrics.dashboard.explorer.MetricQuery;
import java.util.List;

/**
 * A dashboard: projects, a dashboard-wide time range and filter (added to every widget's queries), and widgets
 * laid out on a 12-column grid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardSpec(
    List<Long> projects,
    String period,
    String start,
    String end,
    String filter,
    List<Widget> widgets) {

  /**
   * One chart: the queries and equations of an Explorer page and which of them it shows, one label or
   * {@value #ALL_SERIES} ("All Metrics": every query and equation of the page).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Widget(
      String id,
      String title,
      String display,
      List<MetricQuery> queries,
      List<Equation> equations,
      String interval,
      String series,
      Layout layout) {
    public static final String ALL_SERIES = "all";
  }

  /** Grid position: columns 0..11, rows from 0; width and height in grid cells. */
  public record Layout(int x, int y, int w, int h) {}
}
