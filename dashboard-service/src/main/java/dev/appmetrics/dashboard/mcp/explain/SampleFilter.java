package dev.appmetrics.dashboard.mcp.explain;

import dev.appmetrics.dashboard.mcp.explain.Contributions.Group;
import java.util.regex.Pattern;

/** The search-syntax filter for the events of one group, within the caller's own filter. */
final class SampleFilter {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@-]+");

  private SampleFilter() {}

  /** {@code filter} narrowed to {@code key}'s value of {@code group}; "" (events without the key) is !has:key. */
  static String narrow(String filter, String key, Group group) {
    if (key == null || group == null) {
      return filter;
    }
    String term = group.value().isEmpty() ? "!has:" + key : key + ":" + value(group.value());
    return filter == null || filter.isBlank() ? term : "(" + filter + ") " + term;
  }

  private static String value(String value) {
    return PLAIN.matcher(value).matches()
        ? value
        : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
