package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.detection.Verdict;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes one group's {@link Transition} to its issue row in the caller's transaction: opens an issue, drops a pending
 * one that cleared, or updates the open one's breaches, value, severity and status, recording each new issue and each
 * change of status or severity as an {@link IssueEvent} of the evaluation.
 */
final class TransitionWriter {

  private TransitionWriter() {}

  /** The group's issue after {@code transition}; null when the group has none (any more). */
  static Uni<Issue> write(
      Transition transition,
      Monitor monitor,
      String groupKey,
      Issue issue,
      GroupVerdict seen,
      Instant now) {
    return switch (transition.step()) {
      case NONE -> Uni.createFrom().item(issue);
      case OPEN_PENDING, OPEN_FIRING -> open(transition, monitor, groupKey, seen, now);
      case DROP_PENDING -> issue.delete().replaceWith((Issue) null);
      default -> update(transition, issue, seen, now);
    };
  }

  private static Uni<Issue> open(
      Transition transition, Monitor monitor, String groupKey, GroupVerdict seen, Instant now) {
    Verdict verdict = seen.verdict();
    Issue opened = new Issue();
    opened.organizationId = monitor.organizationId;
    opened.monitorId = monitor.id;
    opened.groupKey = groupKey;
    opened.status =
        transition.step() == Transition.Step.OPEN_FIRING
            ? IssueStatus.FIRING.wireName()
            : IssueStatus.PENDING.wireName();
    opened.severity = transition.severity().wireName();
    opened.breaches = transition.breaches();
    opened.lastValue = verdict.value();
    opened.lastValueText = valueText(seen);
    opened.dedupKey = "appmetrics-" + UUID.randomUUID();
    opened.openedAt = now;
    opened.updatedAt = now;
    return opened
        .persistAndFlush()
        .flatMap(
            ignored -> IssueEvent.of(opened, verdict.message(), now, Actor.EVALUATION).persist())
        .replaceWith(opened);
  }

  private static Uni<Issue> update(
      Transition transition, Issue issue, GroupVerdict seen, Instant now) {
    Verdict verdict = seen.verdict();
    String previousStatus = issue.status;
    String previousSeverity = issue.severity;
    issue.breaches = transition.breaches();
    if (verdict.value() != null) {
      issue.lastValue = verdict.value();
      issue.lastValueText = valueText(seen);
    }
    issue.severity = transition.severity().wireName();
    issue.updatedAt = now;
    if (transition.step() == Transition.Step.FIRE) {
      issue.status = IssueStatus.FIRING.wireName();
    } else if (transition.step() == Transition.Step.RESOLVE) {
      issue.status = IssueStatus.RESOLVED.wireName();
      issue.resolvedAt = now;
    }
    boolean changed =
        !issue.status.equals(previousStatus) || !issue.severity.equals(previousSeverity);
    Uni<?> history =
        changed
            ? IssueEvent.of(issue, verdict.message(), now, Actor.EVALUATION).persist()
            : Uni.createFrom().voidItem();
    return history.replaceWith(issue);
  }

  private static String valueText(GroupVerdict seen) {
    return seen.evidence() == null ? null : seen.evidence().value();
  }
}
