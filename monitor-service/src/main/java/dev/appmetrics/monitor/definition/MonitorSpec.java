package dev.appmetrics.monitor.definition;

import dev.appmetrics.monitor.api.DurationText;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.detection.Reduce;
import java.time.Duration;
import java.util.List;

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

  /**
   * Bounds of the schedule: wide enough for any sensible monitor, narrow enough that no schedule overflows a date.
   */
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
    MonitorQuery checkedQuery = null;
    if (query == null) {
      problems.add("query", "query is required");
    } else {
      checkedQuery = query.validated(detection, problems);
    }
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
