package dev.appmetrics.dashboard.mcp.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Arguments many tools share, described once: projects, the time range, a filter. */
public final class CommonArgs {

  public static final String FILTER_HELP =
      "Filter in the search syntax (resource appmetrics://reference/search-syntax):"
          + " key:value, !key:value, key:[a, b], key:\"quoted value\", has:key, !has:key, key:>5 (also <, <=, >=) on numeric"
          + " attributes, value:>200 on the metric's own value; terms side by side are ANDed; AND, OR and parentheses"
          + " work. Example: route:/checkout region:[eu, us] value:>250. At most 50 terms.";

  private CommonArgs() {}

  public static Schema projects(Schema schema) {
    return schema.ids(
        "projects", "Ids of projects of your organization (see list_projects), at most 100.");
  }

  /** period, or start and end; the API's defaults and limits apply. */
  public static Schema timeRange(Schema schema, String defaultPeriod) {
    return schema
        .string(
            "period",
            "Relative range ending now: a whole number and s, m, h or d, for example 15m, 24h, 7d"
                + " (at most 90d). Default "
                + defaultPeriod
                + ". Leave out when start and end are given.")
        .string(
            "start",
            "Absolute range start, ISO-8601 with offset, e.g. 2026-11-25T10:00:00Z; needs end.")
        .string("end", "Absolute range end, ISO-8601 with offset; needs start.");
  }

  /** Copies period or start/end into an API body, with the period default when neither is given. */
  public static ObjectNode putTimeRange(
      ObjectNode body, Arguments arguments, String defaultPeriod) {
    if (arguments.optionalText("start").isPresent() || arguments.optionalText("end").isPresent()) {
      body.put("start", arguments.text("start"));
      body.put("end", arguments.text("end"));
    } else {
      body.put("period", arguments.text("period", defaultPeriod));
    }
    return body;
  }

  public static ObjectNode putProjects(ObjectNode body, Arguments arguments) {
    List<Long> projects = arguments.ids("projects");
    projects.forEach(body.putArray("projects")::add);
    return body;
  }

  /** The catalog's query string: each project and the period. */
  public static String projectQuery(Arguments arguments, String defaultPeriod) {
    StringBuilder query = new StringBuilder();
    for (Long project : arguments.ids("projects")) {
      query.append(query.isEmpty() ? "?" : "&").append("project=").append(project);
    }
    return query.append("&period=").append(arguments.text("period", defaultPeriod)).toString();
  }
}
