package dev.appmetrics.dashboard.mcp.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much each group (one value of an attribute) moved a metric between the baseline and the window.
 * <ul>
 *   <li>Additive aggregates (sum, count, rates): a group's contribution is its own change, and the contributions
 *       add up to the total change.</li>
 *   <li>Means and percentiles: the total is an event-weighted mix of the groups, so a group contributes
 *       {@code share(window) × value(window) − share(baseline) × value(baseline)}: a slower route with many events
 *       moves the total more than a slower route with few. Exact for avg; for percentiles a ranking guide.</li>
 *   <li>min, max, last: each group's own change.</li>
 * </ul>
 */
final class Contributions {

  private Contributions() {}

  /** One window's value of a group (null: no value) and its events (its weight). */
  record Side(Double value, double events) {
    static final Side NONE = new Side(null, 0);
  }

  record Group(String value, Side window, Side baseline, double contribution) {}

  static List<Group> rank(
      Aggregation aggregation, Map<String, Side> window, Map<String, Side> baseline) {
    double windowEvents = window.values().stream().mapToDouble(Side::events).sum();
    double baselineEvents = baseline.values().stream().mapToDouble(Side::events).sum();
    Set<String> values = new HashSet<>(window.keySet());
    values.addAll(baseline.keySet());
    List<Group> groups = new ArrayList<>();
    for (String value : values) {
      Side now = window.getOrDefault(value, Side.NONE);
      Side before = baseline.getOrDefault(value, Side.NONE);
      double contribution =
          switch (aggregation.combination()) {
            case ADDITIVE, EXTREME, LAST -> orZero(now.value()) - orZero(before.value());
            case WEIGHTED ->
                share(now, windowEvents) * orZero(now.value())
                    - share(before, baselineEvents) * orZero(before.value());
          };
      groups.add(new Group(value, now, before, contribution));
    }
    groups.sort(
        Comparator.comparingDouble((Group g) -> -Math.abs(g.contribution()))
            .thenComparing(Group::value));
    return groups;
  }

  private static double share(Side side, double total) {
    return total == 0 ? 0 : side.events() / total;
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
