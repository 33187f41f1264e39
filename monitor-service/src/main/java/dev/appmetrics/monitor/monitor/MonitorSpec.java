package dev.appmetrics.monitor.monitor;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.detection.Reduce;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a monitor watches and when it fires: the Explorer's query (so "Save as monitor" posts the Explorer's JSON as
 * {@code query}), a detection, the evaluation schedule, the no-data behaviour and the channels to notify.
 */
public record MonitorSpec(String name, MonitorQuery query, Detection detection, Evaluation evaluation,
    NoDataBehaviour noData, List<Long> channels, Boolean enabled) {

  private static final Pattern QUERY_LABEL = Pattern.compile("[A-Z]");
  private static final Pattern EQUATION_LABEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  /**
   * Bounds of the spec's durations: wide enough for any sensible monitor, narrow enough that no window or schedule
   * overflows a date (query-service judges what the resulting requests may span).
   */
  private static final Duration MIN_DURATION = Duration.ofSeconds(1);
  private static final Duration MAX_WINDOW = Duration.ofDays(30);
  private static final Duration MIN_EVERY = Duration.ofSeconds(10);
  private static final Duration MAX_EVERY = Duration.ofDays(1);
  private static final Duration MAX_DELAY = Duration.ofDays(1);
  private static final int MAX_CONSECUTIVE = 100;

  /**
   * The Explorer's query: projects, queries A..Z and equations as in the query API, plus which label the monitor
   * watches (default: the last equation, or the only query), the bucket interval and the evaluation window.
   */
  public record MonitorQuery(List<Long> projects, List<TimeseriesRequest.Query> queries,
      List<TimeseriesRequest.Equation> equations, String watch, String interval, String window) {}

  /**
   * How often the monitor runs ({@code every}), how far behind now its window ends to let late data arrive
   * ({@code delay}), how the window's buckets reduce to one value, and how many consecutive breaching evaluations
   * turn a pending issue into a firing one.
   */
  public record Evaluation(String every, String delay, Reduce reduce, Integer consecutive) {}

  /** The spec with defaults filled in; a 400 naming the field when something is wrong. */
  public MonitorSpec validated() {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiException.badRequest("name is required (at most 200 characters)");
    }
    if (detection == null) {
      throw ApiException.badRequest("detection is required (type threshold, change or anomaly)");
    }
    MonitorQuery checkedQuery = validatedQuery();
    Evaluation given = evaluation == null ? new Evaluation(null, null, null, null) : evaluation;
    Evaluation checkedEvaluation = new Evaluation(given.every() == null ? "1m" : given.every(),
        given.delay() == null ? "1m" : given.delay(), given.reduce() == null ? Reduce.AVG : given.reduce(),
        given.consecutive() == null ? 1 : given.consecutive());
    DurationText.parseWithin("evaluation.every", checkedEvaluation.every(), MIN_EVERY, MAX_EVERY);
    DurationText.parseWithin("evaluation.delay", checkedEvaluation.delay(), Duration.ZERO, MAX_DELAY);
    if (checkedEvaluation.consecutive() < 1 || checkedEvaluation.consecutive() > MAX_CONSECUTIVE) {
      throw ApiException.badRequest("evaluation.consecutive must be between 1 and " + MAX_CONSECUTIVE);
    }
    return new MonitorSpec(name.strip(), checkedQuery, detection.validated(), checkedEvaluation,
        noData == null ? NoDataBehaviour.KEEP : noData, channels == null ? List.of() : List.copyOf(channels),
        enabled == null || enabled);
  }

  private MonitorQuery validatedQuery() {
    if (query == null) {
      throw ApiException.badRequest("query is required");
    }
    if (query.projects() == null || query.projects().isEmpty()) {
      throw ApiException.badRequest("query.projects needs at least one project id");
    }
    List<TimeseriesRequest.Query> queries = query.queries() == null ? List.of() : query.queries();
    List<TimeseriesRequest.Equation> equations = query.equations() == null ? List.of() : query.equations();
    if (queries.isEmpty() || queries.size() > 26) {
      throw ApiException.badRequest("query.queries needs 1 to 26 queries");
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < queries.size(); i++) {
      TimeseriesRequest.Query q = queries.get(i);
      String field = "query.queries[" + i + "]";
      if (q.label() == null || !QUERY_LABEL.matcher(q.label()).matches() || !labels.add(q.label())) {
        throw ApiException.badRequest(field + ".label must be a unique capital letter A..Z");
      }
      if (q.metric() == null || q.metric().isBlank() || q.aggregate() == null || q.aggregate().isBlank()) {
        throw ApiException.badRequest(field + " needs a metric and an aggregate");
      }
    }
    for (int i = 0; i < equations.size(); i++) {
      TimeseriesRequest.Equation e = equations.get(i);
      String field = "query.equations[" + i + "]";
      if (e.label() == null || !EQUATION_LABEL.matcher(e.label()).matches() || !labels.add(e.label())) {
        throw ApiException.badRequest(field + ".label must be a unique lowercase identifier");
      }
      if (e.expression() == null || e.expression().isBlank()) {
        throw ApiException.badRequest(field + ".expression is required");
      }
    }
    String watch = query.watch() != null ? query.watch()
        : !equations.isEmpty() ? equations.get(equations.size() - 1).label() : queries.get(0).label();
    if (!labels.contains(watch)) {
      throw ApiException.badRequest("query.watch names no query or equation: '" + watch + "'");
    }
    if (query.watch() == null && equations.isEmpty() && queries.size() > 1) {
      throw ApiException.badRequest("query.watch is required when there are several queries");
    }
    String window = query.window() == null ? "5m" : query.window();
    Duration windowLength = DurationText.parseWithin("query.window", window, MIN_DURATION, MAX_WINDOW);
    String interval = query.interval() == null ? window : query.interval();
    Duration bucket = DurationText.parseWithin("query.interval", interval, MIN_DURATION, MAX_WINDOW);
    if (bucket.compareTo(windowLength) > 0 || windowLength.toSeconds() % bucket.toSeconds() != 0) {
      throw ApiException.badRequest("query.window must be a whole number of query.interval buckets");
    }
    return new MonitorQuery(List.copyOf(query.projects()), List.copyOf(queries), List.copyOf(equations), watch,
        interval, window);
  }

  public Duration every() {
    return DurationText.parse("evaluation.every", evaluation.every());
  }

  public Duration delay() {
    return DurationText.parseAllowingZero("evaluation.delay", evaluation.delay());
  }

  public Duration window() {
    return DurationText.parse("query.window", query.window());
  }

  public Duration interval() {
    return DurationText.parse("query.interval", query.interval());
  }
}
