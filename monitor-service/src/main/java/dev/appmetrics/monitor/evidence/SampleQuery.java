package dev.appmetrics.monitor.evidence;

import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.AnomalyDetection;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.CompositeDetection;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.detection.Direction;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.query.SamplesRequest;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which events of a breach window a notification shows: those of the watched query (for an equation, the first query
 * it names) in the group, the ones that pushed the value over: the highest values (the lowest for a monitor
 * watching for a drop), or, for counts and rates, where each event weighs the same, the newest.
 */
public final class SampleQuery {

  public static final int LIMIT = 3;
  private static final Set<String> COUNTING = Set.of("count", "per_second", "per_minute");

  private SampleQuery() {}

  public static SamplesRequest of(
      MonitorSpec spec, Map<String, Object> group, Instant start, Instant end) {
    TimeseriesRequest.Query source = source(spec);
    return new SamplesRequest(
        spec.query().projects(),
        start.toString(),
        end.toString(),
        source.metric(),
        filter(source.filter(), group),
        sort(source.aggregate(), direction(spec.detection())),
        LIMIT);
  }

  static TimeseriesRequest.Query source(MonitorSpec spec) {
    String watch =
        spec.detection() instanceof CompositeDetection composite
            ? composite.conditions().get(0).watch()
            : spec.query().watch();
    String expression =
        spec.query().equations().stream()
            .filter(e -> e.label().equals(watch))
            .findFirst()
            .map(TimeseriesRequest.Equation::expression)
            .orElse(watch);
    return spec.query().queries().stream()
        .filter(
            q ->
                Pattern.compile("(?<![A-Za-z0-9_])" + q.label() + "(?![A-Za-z0-9_])")
                    .matcher(expression)
                    .find())
        .findFirst()
        .orElse(spec.query().queries().get(0));
  }

  static String sort(String aggregate, Direction direction) {
    if (COUNTING.contains(aggregate)) {
      return "-timestamp";
    }
    return direction == Direction.BELOW ? "value" : "-value";
  }

  /** The side the monitor watches for (a composite's first condition's). */
  private static Direction direction(Detection detection) {
    if (detection instanceof CompositeDetection composite) {
      return direction(composite.conditions().get(0).detection());
    }
    if (detection instanceof ThresholdDetection threshold) {
      return threshold.direction();
    }
    if (detection instanceof ChangeDetection change) {
      return change.direction();
    }
    return ((AnomalyDetection) detection).direction();
  }

  /**
   * The query's filter narrowed to the group, in search syntax: each group value quoted (matching strings, numbers
   * and booleans alike), and an empty one, which stands for events without the attribute, as {@code !has:key}.
   */
  static String filter(String filter, Map<String, Object> group) {
    String groupTerms =
        new TreeMap<>(group)
            .entrySet().stream()
                .map(
                    e ->
                        String.valueOf(e.getValue()).isEmpty()
                            ? "!has:" + e.getKey()
                            : e.getKey() + ":" + quoted(String.valueOf(e.getValue())))
                .collect(Collectors.joining(" "));
    boolean hasFilter = filter != null && !filter.isBlank();
    if (!hasFilter) {
      return groupTerms.isEmpty() ? null : groupTerms;
    }
    return groupTerms.isEmpty() ? filter : "(" + filter + ") " + groupTerms;
  }

  /** A quoted value of the search syntax: backslashes and quotes escaped. */
  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
