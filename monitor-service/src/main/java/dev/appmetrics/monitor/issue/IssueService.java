package dev.appmetrics.monitor.issue;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.definition.Monitor;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.definition.MonitorSpecs;
import dev.appmetrics.monitor.definition.OpenIssues;
import dev.appmetrics.monitor.notification.Delivery;
import dev.appmetrics.monitor.notification.DeliveryView;
import dev.appmetrics.monitor.notification.Outbox;
import dev.appmetrics.monitor.silence.Holds;
import dev.appmetrics.monitor.silence.Silences;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The issue API (list, history, deliveries, mute, snooze, resolve) and the closing of a monitor's open issues when it
 * is disabled or deleted. Whatever changes an issue, {@link Paging} decides what its channels hear.
 */
@ApplicationScoped
public class IssueService implements OpenIssues {

  private final MonitorSpecs specs;
  private final Outbox outbox;
  private final Silences silences;

  public IssueService(MonitorSpecs specs, Outbox outbox, Silences silences) {
    this.specs = specs;
    this.outbox = outbox;
    this.silences = silences;
  }

  @WithSession
  public Uni<PageOf<IssueView>> list(
      Caller caller, IssueStatus status, Long monitorId, int page, int size) {
    StringBuilder where = new StringBuilder("organizationId = :organization");
    Parameters parameters = Parameters.with("organization", caller.organizationId());
    if (status != null) {
      where.append(" and status = :status");
      parameters.and("status", status.wireName());
    }
    if (monitorId != null) {
      where.append(" and monitorId = :monitor");
      parameters.and("monitor", monitorId);
    }
    var query =
        Issue.<Issue>find(where.toString(), Sort.descending("id"), parameters)
            .page(Page.of(page, size));
    return PageOf.of(query, issue -> IssueView.of(issue, null));
  }

  @WithSession
  public Uni<IssueView> get(Caller caller, long id) {
    return owned(caller, id).flatMap(this::withHistory);
  }

  @WithSession
  public Uni<List<DeliveryView>> deliveries(Caller caller, long id) {
    return owned(caller, id)
        .flatMap(issue -> Delivery.<Delivery>list("issueId", Sort.ascending("id"), issue.id))
        .map(list -> list.stream().map(DeliveryView::of).toList());
  }

  /** Muting again changes nothing and records nothing; unmuting sends what the mute held back. */
  @WithTransaction
  public Uni<IssueView> mute(Caller caller, long id, boolean muted) {
    return change(
        caller,
        id,
        issue -> issue.muted != muted,
        issue -> {
          issue.muted = muted;
          return muted ? "Muted" : "Unmuted";
        });
  }

  @WithTransaction
  public Uni<IssueView> snooze(Caller caller, long id, Duration duration) {
    return change(
        caller,
        id,
        issue -> true,
        issue -> {
          issue.snoozedUntil = Instant.now().plus(duration);
          return "Snoozed until " + issue.snoozedUntil;
        });
  }

  /** Ends a snooze early and sends what it held back; an issue not snoozed is left as it is. */
  @WithTransaction
  public Uni<IssueView> unsnooze(Caller caller, long id) {
    return change(
        caller,
        id,
        issue -> issue.snoozedUntil != null && issue.snoozedUntil.isAfter(Instant.now()),
        issue -> {
          issue.snoozedUntil = null;
          return "Snooze ended";
        });
  }

  /** Resolves by hand; channels that heard the issue fire hear it resolve (PagerDuty closes the incident). */
  @WithTransaction
  public Uni<IssueView> resolve(Caller caller, long id) {
    return owned(caller, id)
        .flatMap(
            issue -> {
              if (!issue.isOpen()) {
                throw new ApiException(409, "conflict", "Issue " + id + " is already resolved");
              }
              return Monitor.<Monitor>findById(issue.monitorId)
                  .flatMap(
                      monitor ->
                          close(issue, specs.read(monitor), "Resolved manually", Actor.of(caller)))
                  .call(paged -> Paged.write(List.of(paged), outbox))
                  .flatMap(ignored -> withHistory(issue));
            });
  }

  /**
   * Resolves every open issue of a monitor that is being disabled or deleted, in the caller's transaction: a
   * disabled monitor is no longer evaluated, so nothing else would ever close them.
   */
  @Override
  public Uni<Void> closeOpen(Monitor monitor, MonitorSpec spec, String message, String actor) {
    return Issue.<Issue>list("monitorId = ?1 and status <> 'resolved'", monitor.id)
        .flatMap(
            open ->
                Multi.createFrom()
                    .iterable(open)
                    .onItem()
                    .transformToUniAndConcatenate(issue -> close(issue, spec, message, actor))
                    .collect()
                    .asList())
        .flatMap(decisions -> Paged.write(decisions, outbox));
  }

  /** A resolve is never held: channels that heard the issue fire hear it close, silenced or not. */
  private Uni<Paged> close(Issue issue, MonitorSpec spec, String message, String actor) {
    Instant now = Instant.now();
    issue.status = IssueStatus.RESOLVED.wireName();
    issue.resolvedAt = now;
    issue.updatedAt = now;
    return IssueEvent.of(issue, message, now, actor)
        .persist()
        .map(
            ignored ->
                Paging.due(
                    issue,
                    spec,
                    message,
                    null,
                    "at-" + now.toEpochMilli(),
                    now,
                    Holds.NONE,
                    actor));
  }

  /**
   * Changes an open issue by hand when {@code applies}, recording who did it; the end of a mute or snooze then sends
   * what it held back. A resolved issue answers 409.
   */
  private Uni<IssueView> change(
      Caller caller, long id, Predicate<Issue> applies, Function<Issue, String> edit) {
    return owned(caller, id)
        .flatMap(
            issue -> {
              if (!issue.isOpen()) {
                throw new ApiException(
                    409,
                    "conflict",
                    "Issue "
                        + id
                        + " is resolved: only an open issue can be muted or "
                        + "snoozed");
              }
              if (!applies.test(issue)) {
                return withHistory(issue);
              }
              Instant now = Instant.now();
              String message = edit.apply(issue);
              issue.updatedAt = now;
              return IssueEvent.of(issue, message, now, Actor.of(caller))
                  .persist()
                  .flatMap(ignored -> Monitor.<Monitor>findById(issue.monitorId))
                  .call(
                      monitor -> {
                        MonitorSpec spec = specs.read(monitor);
                        return silences
                            .holding(monitor, spec, now)
                            .flatMap(
                                holds ->
                                    Paged.write(
                                        List.of(
                                            Paging.due(
                                                issue,
                                                spec,
                                                message,
                                                null,
                                                "at-" + now.toEpochMilli(),
                                                now,
                                                holds,
                                                Actor.of(caller))),
                                        outbox));
                      })
                  .flatMap(ignored -> withHistory(issue));
            });
  }

  private Uni<Issue> owned(Caller caller, long id) {
    return Issue.<Issue>findById(id)
        .map(
            issue -> {
              if (issue == null) {
                throw ApiException.notFound("No issue " + id);
              }
              caller.requireOrganization(issue.organizationId);
              return issue;
            });
  }

  private Uni<IssueView> withHistory(Issue issue) {
    return IssueEvent.<IssueEvent>list("issueId", Sort.ascending("id"), issue.id)
        .map(events -> IssueView.of(issue, events));
  }
}
