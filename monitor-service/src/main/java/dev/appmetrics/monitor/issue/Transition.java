package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.definition.NoDataBehaviour;
import dev.appmetrics.monitor.detection.Condition;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;

/**
 * The state machine of one monitor and group, as a pure function: given the open issue (if any) and this evaluation's
 * verdict, what happens. What the channels hear follows from the issue's state afterwards ({@link Paging}): a trigger
 * after {@code OPEN_FIRING}, {@code FIRE} and {@code ESCALATE} (PagerDuty updates the same incident), a resolve after
 * {@code RESOLVE}.
 */
public record Transition(Step step, Severity severity, int breaches) {

  public enum Step {
    /** Nothing to record. */
    NONE,
    /** A new issue, pending until the condition held for the required consecutive evaluations. */
    OPEN_PENDING,
    /** A new issue that fires at once (one evaluation is enough). */
    OPEN_FIRING,
    /** A pending issue saw one more breaching evaluation. */
    COUNT_PENDING,
    /** A pending issue fires. */
    FIRE,
    /** A firing issue's value changed, same severity. */
    UPDATE,
    /** A firing issue's severity changed. */
    ESCALATE,
    /** A pending issue cleared before it fired: it is dropped, nobody was told. */
    DROP_PENDING,
    /** A firing issue cleared. */
    RESOLVE
  }

  /** The open issue as the state machine needs it. */
  public record Open(IssueStatus status, Severity severity, int breaches) {}

  public static Transition next(
      Open current, Verdict verdict, int consecutive, NoDataBehaviour noData) {
    Condition condition = verdict.condition();
    Severity severity = verdict.severity();
    if (condition == Condition.NOT_ENOUGH_DATA) {
      return none(current);
    }
    if (condition == Condition.NO_DATA) {
      switch (noData) {
        case KEEP -> {
          return none(current);
        }
        case OK -> condition = Condition.CLEAR;
        case ALERT -> {
          condition = Condition.BREACH;
          severity = Severity.CRITICAL;
        }
      }
    }
    if (current == null) {
      if (condition != Condition.BREACH) {
        return new Transition(Step.NONE, null, 0);
      }
      return new Transition(consecutive <= 1 ? Step.OPEN_FIRING : Step.OPEN_PENDING, severity, 1);
    }
    if (current.status() == IssueStatus.PENDING) {
      if (condition != Condition.BREACH) {
        return new Transition(Step.DROP_PENDING, current.severity(), 0);
      }
      int breaches = current.breaches() + 1;
      return new Transition(
          breaches >= consecutive ? Step.FIRE : Step.COUNT_PENDING, severity, breaches);
    }
    return switch (condition) {
      case BREACH ->
          new Transition(
              severity == current.severity() ? Step.UPDATE : Step.ESCALATE,
              severity,
              current.breaches() + 1);
      case HOLD -> new Transition(Step.UPDATE, current.severity(), current.breaches());
      default -> new Transition(Step.RESOLVE, current.severity(), 0);
    };
  }

  private static Transition none(Open current) {
    return current == null
        ? new Transition(Step.NONE, null, 0)
        : new Transition(Step.NONE, current.severity(), current.breaches());
  }
}
