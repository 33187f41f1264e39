package dev.appmetrics.monitor.definition;

import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.detection.CompositeDetection;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Explorer's query: projects, queries A..Z and equations as in the query API, plus which label the monitor
 * watches (default: the last equation, or the only query), the bucket interval and the evaluation window.
 */
public record MonitorQuery(
    List<Long> projects,
    List<TimeseriesRequest.Query> queries,
    List<TimeseriesRequest.Equation> equations,
    String watch,
    String interval,
    String window) {

  private static final Pattern QUERY_LABEL = Pattern.compile("[A-Z]");
  private static final Pattern EQUATION_LABEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  /**
   * The longest window or bucket: wide enough for any sensible monitor, narrow enough that no window overflows a date
   * (query-service judges what the resulting requests may span).
   */
  private static final Duration MAX_WINDOW = Duration.ofDays(30);

  /** The narrowest bucket: finer ones are mostly empty, and nothing evaluates more often than every 10 s anyway. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  /**
   * The point budget: at most this many buckets in one window (a day of minutes). Reducing more points to one value
   * costs query-service a long read every evaluation and says nothing a wider bucket would not.
   */
  public static final int MAX_WINDOW_POINTS = 1440;

  /**
   * The query with defaults filled in (watch, window, interval), each bad field recorded; null when the queries
   * themselves are unusable. A composite {@code detection}'s conditions must watch labels of this query.
   */
  public MonitorQuery validated(Detection detection, Problems problems) {
    if (projects() == null
        || projects().isEmpty()
        || projects().stream().anyMatch(Objects::isNull)) {
      problems.add("query.projects", "query.projects needs at least one project id");
    }
    List<TimeseriesRequest.Query> queries = queries() == null ? List.of() : queries();
    List<TimeseriesRequest.Equation> equations = equations() == null ? List.of() : equations();
    if (queries.isEmpty()
        || queries.size() > 26
        || queries.stream().anyMatch(Objects::isNull)
        || equations.stream().anyMatch(Objects::isNull)) {
      problems.add(
          "query.queries",
          "query.queries needs 1 to 26 queries (and query.equations no empty entry)");
      return null;
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < queries.size(); i++) {
      TimeseriesRequest.Query q = queries.get(i);
      String field = "query.queries[" + i + "]";
      if (q.label() == null
          || !QUERY_LABEL.matcher(q.label()).matches()
          || !labels.add(q.label())) {
        problems.add(field + ".label", field + ".label must be a unique capital letter A..Z");
      }
      if (q.metric() == null || q.metric().isBlank()) {
        problems.add(field + ".metric", field + ".metric is required");
      }
      if (q.aggregate() == null || q.aggregate().isBlank()) {
        problems.add(field + ".aggregate", field + ".aggregate is required");
      }
    }
    for (int i = 0; i < equations.size(); i++) {
      TimeseriesRequest.Equation e = equations.get(i);
      String field = "query.equations[" + i + "]";
      if (e.label() == null
          || !EQUATION_LABEL.matcher(e.label()).matches()
          || !labels.add(e.label())) {
        problems.add(field + ".label", field + ".label must be a unique lowercase identifier");
      }
      if (e.expression() == null || e.expression().isBlank()) {
        problems.add(field + ".expression", field + ".expression is required");
      }
    }
    String watch =
        watch() != null
            ? watch()
            : !equations.isEmpty()
                ? equations.get(equations.size() - 1).label()
                : queries.get(0).label();
    if (detection instanceof CompositeDetection composite) {
      checkConditionLabels(composite, labels, problems);
    } else if (watch() == null && equations.isEmpty() && queries.size() > 1) {
      problems.add("query.watch", "query.watch is required when there are several queries");
    } else if (!labels.contains(watch)) {
      problems.add("query.watch", "query.watch names no query or equation: '" + watch + "'");
    }
    String window = window() == null ? "5m" : window();
    String interval = interval() == null ? window : interval();
    checkBuckets(window, interval, problems);
    return new MonitorQuery(
        projects() == null ? null : List.copyOf(projects()),
        List.copyOf(queries),
        List.copyOf(equations),
        watch,
        interval,
        window);
  }

  /** A composite's conditions watch its own labels ({@code query.watch} does not apply). */
  private static void checkConditionLabels(
      CompositeDetection composite, Set<String> labels, Problems problems) {
    List<CompositeDetection.Part> parts =
        composite.conditions() == null ? List.of() : composite.conditions();
    for (int i = 0; i < parts.size(); i++) {
      String watch = parts.get(i) == null ? null : parts.get(i).watch();
      if (watch != null && !labels.contains(watch)) {
        problems.add(
            "detection.conditions[" + i + "].watch",
            "detection.conditions["
                + i
                + "].watch names no query "
                + "or equation: '"
                + watch
                + "'");
      }
    }
  }

  /** The window is whole buckets of at least {@link #MIN_INTERVAL}, at most {@link #MAX_WINDOW_POINTS} of them. */
  private static void checkBuckets(String window, String interval, Problems problems) {
    Duration windowLength =
        problems.check(
            "query.window",
            () -> DurationText.parseWithin("query.window", window, MIN_INTERVAL, MAX_WINDOW));
    Duration bucket =
        problems.check(
            "query.interval",
            () -> DurationText.parseWithin("query.interval", interval, MIN_INTERVAL, MAX_WINDOW));
    if (windowLength == null || bucket == null) {
      return;
    }
    long points = windowLength.toSeconds() / bucket.toSeconds();
    if (bucket.compareTo(windowLength) > 0 || windowLength.toSeconds() % bucket.toSeconds() != 0) {
      problems.add("query.window", "query.window must be a whole number of query.interval buckets");
    } else if (points > MAX_WINDOW_POINTS) {
      problems.add(
          "query.window",
          "query.window of "
              + window
              + " holds "
              + points
              + " buckets of "
              + interval
              + ", more than "
              + MAX_WINDOW_POINTS
              + ": use a wider query.interval or a shorter window");
    }
  }
}
