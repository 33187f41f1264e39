package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.definition.GroupKey;
import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.definition.MonitorState;
import dev.appmetrics.monitor.detection.Condition;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.notification.Outbox;
import dev.appmetrics.monitor.silence.Holds;
import dev.appmetrics.monitor.silence.Silences;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies one evaluation to a monitor's issues: decides each group's {@link Transition}, has {@link TransitionWriter}
 * write it, pages what the issue's new state calls for ({@link Paging}) and sums the groups up as the monitor's state.
 */
@ApplicationScoped
public class IssueEvaluation {

  /**
   * What an evaluation left: the notifications it wrote, the monitor's state (null when the monitor was disabled or
   * deleted meanwhile, so nothing was applied) and the value judged for its worst group.
   */
  public record Applied(List<Notification> notifications, MonitorState state, Double value) {}

  /** One group's outcome: what its channels hear, its issue's status afterwards (null without one), the verdict. */
  private record GroupOutcome(Paged paged, IssueStatus status, Verdict verdict) {}

  private final Outbox outbox;
  private final Silences silences;

  public IssueEvaluation(Outbox outbox, Silences silences) {
    this.outbox = outbox;
    this.silences = silences;
  }

  /**
   * Applies one evaluation of a monitor (its slot, the verdict of every group it saw) to the monitor's issues in one
   * transaction, which also writes the notifications the changes call for to the outbox. Open issues of groups the
   * evaluation did not see get a no-data verdict. The monitor's row is locked first, so an evaluation and the
   * disabling or deletion of its monitor (which resolves its issues) happen one after the other, never interleaved.
   */
  public Uni<Applied> applyEvaluation(
      Monitor monitor, MonitorSpec spec, List<GroupVerdict> verdicts, Instant slot) {
    return applyEvaluation(monitor, spec, verdicts, slot, Instant.now());
  }

  /**
   * The same, decided at {@code at} rather than now: the issues' times, snoozes, reminders and which silences hold
   * are judged at that moment (a test replays evaluations on days of its choosing, such as a DST change).
   */
  public Uni<Applied> applyEvaluation(
      Monitor monitor, MonitorSpec spec, List<GroupVerdict> verdicts, Instant slot, Instant at) {
    return Panache.withTransaction(
        () ->
            Monitor.<Monitor>findById(monitor.id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(
                    locked ->
                        locked == null || !locked.enabled || locked.deletedAt != null
                            ? Uni.createFrom().item(new Applied(List.of(), null, null))
                            : apply(monitor, spec, verdicts, slot, at)));
  }

  private Uni<Applied> apply(
      Monitor monitor, MonitorSpec spec, List<GroupVerdict> verdicts, Instant slot, Instant at) {
    return silences
        .holding(monitor, spec, at)
        .flatMap(
            holds ->
                Issue.<Issue>list("monitorId = ?1 and status <> 'resolved'", monitor.id)
                    .flatMap(
                        open -> {
                          Map<String, Issue> byGroup =
                              open.stream()
                                  .collect(Collectors.toMap(i -> i.groupKey, Function.identity()));
                          Map<String, GroupVerdict> seen = new LinkedHashMap<>();
                          verdicts.forEach(v -> seen.put(GroupKey.of(v.group()), v));
                          byGroup
                              .keySet()
                              .forEach(
                                  key ->
                                      seen.putIfAbsent(
                                          key,
                                          new GroupVerdict(GroupKey.parse(key), Verdict.noData())));
                          List<Uni<GroupOutcome>> steps = new ArrayList<>();
                          seen.forEach(
                              (key, verdict) ->
                                  steps.add(
                                      step(
                                          monitor,
                                          spec,
                                          key,
                                          byGroup.get(key),
                                          verdict,
                                          slot,
                                          at,
                                          holds)));
                          return Multi.createFrom()
                              .iterable(steps)
                              .onItem()
                              .transformToUniAndConcatenate(u -> u)
                              .collect()
                              .asList()
                              .call(
                                  outcomes ->
                                      Paged.write(
                                          outcomes.stream().map(GroupOutcome::paged).toList(),
                                          outbox))
                              .map(IssueEvaluation::applied);
                        }));
  }

  /**
   * FIRING or PENDING when a group's issue is; NO_DATA when no group had data, NOT_ENOUGH_DATA when none had enough;
   * else OK. The worst group's value.
   */
  private static Applied applied(List<GroupOutcome> outcomes) {
    List<Notification> notifications =
        outcomes.stream().flatMap(o -> o.paged().sent().stream()).toList();
    GroupOutcome worst =
        outcomes.stream().max(Comparator.comparingInt(IssueEvaluation::rank)).orElse(null);
    MonitorState state =
        worst == null || worst.status() == null || worst.status() == IssueStatus.RESOLVED
            ? quietState(outcomes)
            : worst.status() == IssueStatus.FIRING ? MonitorState.FIRING : MonitorState.PENDING;
    return new Applied(notifications, state, worst == null ? null : worst.verdict().value());
  }

  private static MonitorState quietState(List<GroupOutcome> outcomes) {
    if (outcomes.stream().allMatch(o -> o.verdict().condition() == Condition.NO_DATA)) {
      return MonitorState.NO_DATA;
    }
    return outcomes.stream()
            .allMatch(
                o ->
                    o.verdict().condition() == Condition.NO_DATA
                        || o.verdict().condition() == Condition.NOT_ENOUGH_DATA)
        ? MonitorState.NOT_ENOUGH_DATA
        : MonitorState.OK;
  }

  private static int rank(GroupOutcome outcome) {
    if (outcome.status() == IssueStatus.FIRING) {
      return 3;
    }
    return outcome.status() == IssueStatus.PENDING ? 2 : outcome.verdict().value() != null ? 1 : 0;
  }

  private Uni<GroupOutcome> step(
      Monitor monitor,
      MonitorSpec spec,
      String groupKey,
      Issue issue,
      GroupVerdict seen,
      Instant slot,
      Instant now,
      Holds holds) {
    Verdict verdict = seen.verdict();
    Transition.Open current =
        issue == null
            ? null
            : new Transition.Open(
                IssueStatus.fromWireName(issue.status), issue.severityLevel(), issue.breaches);
    Transition transition =
        Transition.next(current, verdict, spec.evaluation().consecutive(), spec.noData());
    String occasion = String.valueOf(slot.getEpochSecond());
    // Even when nothing changed, a mute or snooze may have ended since the last trigger was held.
    return TransitionWriter.write(transition, monitor, groupKey, issue, seen, now)
        .map(
            after ->
                after == null
                    ? new GroupOutcome(Paged.NOTHING, null, verdict)
                    : new GroupOutcome(
                        Paging.due(
                            after,
                            spec,
                            verdict.message(),
                            seen.evidence(),
                            occasion,
                            now,
                            holds,
                            null),
                        IssueStatus.fromWireName(after.status),
                        verdict));
  }
}
