package dev.appmetrics.monitor.definition;

import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.detection.CompositeDetection;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.detection.Reduce;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a monitor watches and when it fires: the Explorer's query (so "Save as monitor" posts the Explorer's JSON as
 * {@code query}), a detection, the evaluation schedule, the no-data behaviour and the channels to notify.
 */
public record MonitorSpec(
    String name,
    MonitorQuery query,
    Detection detection,
    Evaluation evaluation,
    NoDataBehaviour noData,
    List<Long> channels,
    Boolean enabled) {

  private static final Pattern QUERY_LABEL = Pattern.compile("[A-Z]");
  private static final Pattern EQUATION_LABEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  /**
   * Bounds of the spec's durations: wide enough for any sensible monitor, narrow enough that no window or schedule
   * overflows a date (query-service judges what the resulting requests may span).
   */
  private static final Duration MAX_WINDOW = Duration.ofDays(30);

  /** The narrowest bucket: finer ones are mostly empty, and nothing evaluates more often than every 10 s anyway. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  /**
   * The point budget: at most this many buckets in one window (a day of minutes). Reducing more points to one value
   * costs query-service a long read every evaluation and says nothing a wider bucket would not.
   */
  public static final int MAX_WINDOW_POINTS = 1440;

  private static final Duration MIN_EVERY = Duration.ofSeconds(10);
  private static final Duration MAX_EVERY = Duration.ofDays(1);
  private static final Duration MAX_DELAY = Duration.ofDays(1);
  private static final int MAX_CONSECUTIVE = 100;
  private static final int MAX_MIN_EVENTS = 1_000_000_000;

  /** Reminders between a minute (no evaluation comes sooner than every 10 s anyway) and a day apart. */
  private static final Duration MIN_REMINDER = Duration.ofMinutes(1);

  private static final Duration MAX_REMINDER = Duration.ofDays(1);

  /** Half of the 26 labels: each counted query takes a free one for its count. */
  private static final int MAX_QUERIES_COUNTED = 13;

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
      String window) {}

  /**
   * How often the monitor runs ({@code every}), how far behind now its window ends to let late data arrive
   * ({@code delay}), how the window's buckets reduce to one value, how many consecutive breaching evaluations
   * turn a pending issue into a firing one, the fewest events a window (and a change's earlier window) must have
   * to be judged at all ({@code minEvents}, 0: no minimum), and how often channels are reminded of an issue that stays
   * critical ({@code remindEvery}, none by default).
   */
  public record Evaluation(
      String every,
      String delay,
      Reduce reduce,
      Integer consecutive,
      Integer minEvents,
      String remindEvery) {

    public Evaluation(String every, String delay, Reduce reduce, Integer consecutive) {
      this(every, delay, reduce, consecutive, null, null);
    }
  }

  /** The spec with defaults filled in, or a 400 naming every bad field. */
  public MonitorSpec validated() {
    return Problems.require(this::validated);
  }

  /** The spec with defaults filled in; each bad field is recorded, and the result is only usable without any. */
  public MonitorSpec validated(Problems problems) {
    if (name == null || name.isBlank() || name.length() > 200) {
      problems.add("name", "name is required (at most 200 characters)");
    }
    if (detection == null) {
      problems.add("detection", "detection is required (type threshold, change or anomaly)");
    }
    MonitorQuery checkedQuery = validatedQuery(problems);
    Evaluation checkedEvaluation = validatedEvaluation(problems);
    if (checkedQuery != null
        && checkedEvaluation.minEvents() > 0
        && checkedQuery.queries().size() > MAX_QUERIES_COUNTED) {
      problems.add(
          "evaluation.minEvents",
          "evaluation.minEvents counts each query's events with a query label of its "
              + "own, so it takes at most "
              + MAX_QUERIES_COUNTED
              + " queries");
    }
    return new MonitorSpec(
        name == null ? null : name.strip(),
        checkedQuery,
        detection == null ? null : detection.validated(problems),
        checkedEvaluation,
        noData == null ? NoDataBehaviour.KEEP : noData,
        channels == null ? List.of() : List.copyOf(channels),
        enabled == null || enabled);
  }

  private Evaluation validatedEvaluation(Problems problems) {
    Evaluation given = evaluation == null ? new Evaluation(null, null, null, null) : evaluation;
    Evaluation checked =
        new Evaluation(
            given.every() == null ? "1m" : given.every(),
            given.delay() == null ? "1m" : given.delay(),
            given.reduce() == null ? Reduce.AVG : given.reduce(),
            given.consecutive() == null ? 1 : given.consecutive(),
            given.minEvents() == null ? 0 : given.minEvents(),
            given.remindEvery());
    if (checked.remindEvery() != null) {
      problems.check(
          "evaluation.remindEvery",
          () ->
              DurationText.parseWithin(
                  "evaluation.remindEvery", checked.remindEvery(), MIN_REMINDER, MAX_REMINDER));
    }
    if (checked.minEvents() < 0 || checked.minEvents() > MAX_MIN_EVENTS) {
      problems.add(
          "evaluation.minEvents", "evaluation.minEvents must be between 0 and " + MAX_MIN_EVENTS);
    }
    problems.check(
        "evaluation.every",
        () -> DurationText.parseWithin("evaluation.every", checked.every(), MIN_EVERY, MAX_EVERY));
    problems.check(
        "evaluation.delay",
        () ->
            DurationText.parseWithin(
                "evaluation.delay", checked.delay(), Duration.ZERO, MAX_DELAY));
    if (checked.consecutive() < 1 || checked.consecutive() > MAX_CONSECUTIVE) {
      problems.add(
          "evaluation.consecutive",
          "evaluation.consecutive must be between 1 and " + MAX_CONSECUTIVE);
    }
    return checked;
  }

  private MonitorQuery validatedQuery(Problems problems) {
    if (query == null) {
      problems.add("query", "query is required");
      return null;
    }
    if (query.projects() == null
        || query.projects().isEmpty()
        || query.projects().stream().anyMatch(Objects::isNull)) {
      problems.add("query.projects", "query.projects needs at least one project id");
    }
    List<TimeseriesRequest.Query> queries = query.queries() == null ? List.of() : query.queries();
    List<TimeseriesRequest.Equation> equations =
        query.equations() == null ? List.of() : query.equations();
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
        query.watch() != null
            ? query.watch()
            : !equations.isEmpty()
                ? equations.get(equations.size() - 1).label()
                : queries.get(0).label();
    if (detection instanceof CompositeDetection composite) {
      checkConditionLabels(composite, labels, problems);
    } else if (query.watch() == null && equations.isEmpty() && queries.size() > 1) {
      problems.add("query.watch", "query.watch is required when there are several queries");
    } else if (!labels.contains(watch)) {
      problems.add("query.watch", "query.watch names no query or equation: '" + watch + "'");
    }
    String window = query.window() == null ? "5m" : query.window();
    String interval = query.interval() == null ? window : query.interval();
    checkBuckets(window, interval, problems);
    return new MonitorQuery(
        query.projects() == null ? null : List.copyOf(query.projects()),
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

  public Duration every() {
    return DurationText.parse("evaluation.every", evaluation.every());
  }

  /** How often an issue that stays critical is notified again; null for never. */
  public Duration remindEvery() {
    return evaluation.remindEvery() == null
        ? null
        : DurationText.parse("evaluation.remindEvery", evaluation.remindEvery());
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
