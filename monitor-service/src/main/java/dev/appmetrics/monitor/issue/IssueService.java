package dev.appmetrics.monitor.issue;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.monitor.Monitor;
import dev.appmetrics.monitor.monitor.MonitorSpec;
import dev.appmetrics.monitor.monitor.MonitorSpecs;
import dev.appmetrics.monitor.notification.Delivery;
import dev.appmetrics.monitor.notification.DeliveryView;
import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.notification.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Opens, updates and resolves issues from evaluations, and serves the issue API (list, history, mute, snooze). */
@ApplicationScoped
public class IssueService {

  private final MonitorSpecs specs;
  private final Outbox outbox;

  public IssueService(MonitorSpecs specs, Outbox outbox) {
    this.specs = specs;
    this.outbox = outbox;
  }

  /**
   * Applies one evaluation of a monitor (its slot, the verdict of every group it saw) to the monitor's issues in one
   * transaction, which also writes the notifications the transitions call for to the outbox. Open issues of groups the evaluation
   * did not see get a no-data verdict.
   */
  public Uni<List<Notification>> applyEvaluation(Monitor monitor, MonitorSpec spec, List<GroupVerdict> verdicts,
      Instant slot) {
    return Panache.withTransaction(() -> Issue.<Issue>list("monitorId = ?1 and status <> 'resolved'", monitor.id)
            .flatMap(open -> {
              Map<String, Issue> byGroup = open.stream().collect(Collectors.toMap(i -> i.groupKey, Function.identity()));
              Map<String, Verdict> seen = new LinkedHashMap<>();
              verdicts.forEach(v -> seen.put(GroupKey.of(v.group()), v.verdict()));
              byGroup.keySet().forEach(key -> seen.putIfAbsent(key, Verdict.noData()));
              List<Uni<List<Notification>>> steps = new ArrayList<>();
              seen.forEach((key, verdict) -> steps.add(step(monitor, spec, key, byGroup.get(key), verdict, slot)));
              return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(u -> u)
                  .collect().asList()
                  .map(lists -> lists.stream().flatMap(List::stream).<Notification>toList())
                  .call(outbox::add);
            }));
  }

  private Uni<List<Notification>> step(Monitor monitor, MonitorSpec spec, String groupKey, Issue issue,
      Verdict verdict, Instant slot) {
    Transition.Open current = issue == null ? null : new Transition.Open(IssueStatus.fromWireName(issue.status),
        severity(issue), issue.breaches);
    Transition transition = Transition.next(current, verdict, spec.evaluation().consecutive(), spec.noData());
    Instant now = Instant.now();
    switch (transition.step()) {
      case NONE -> {
        return Uni.createFrom().item(List.of());
      }
      case OPEN_PENDING, OPEN_FIRING -> {
        Issue opened = new Issue();
        opened.organizationId = monitor.organizationId;
        opened.monitorId = monitor.id;
        opened.groupKey = groupKey;
        opened.status = transition.step() == Transition.Step.OPEN_FIRING
            ? IssueStatus.FIRING.wireName() : IssueStatus.PENDING.wireName();
        opened.severity = transition.severity().wireName();
        opened.breaches = transition.breaches();
        opened.lastValue = verdict.value();
        opened.dedupKey = "appmetrics-" + UUID.randomUUID();
        opened.openedAt = now;
        opened.updatedAt = now;
        return opened.persistAndFlush()
            .flatMap(ignored -> IssueEvent.of(opened, verdict.message(), now).persist())
            .map(ignored -> transition.notifies()
                ? notifications(opened, spec, Notification.Event.TRIGGER, verdict.message(), slot.getEpochSecond(), now)
                : List.of());
      }
      case DROP_PENDING -> {
        return issue.delete().replaceWith(List.of());
      }
      default -> {
        String previousStatus = issue.status;
        String previousSeverity = issue.severity;
        issue.breaches = transition.breaches();
        issue.lastValue = verdict.value() != null ? verdict.value() : issue.lastValue;
        issue.severity = transition.severity().wireName();
        issue.updatedAt = now;
        Notification.Event event = Notification.Event.TRIGGER;
        if (transition.step() == Transition.Step.FIRE) {
          issue.status = IssueStatus.FIRING.wireName();
        } else if (transition.step() == Transition.Step.RESOLVE) {
          issue.status = IssueStatus.RESOLVED.wireName();
          issue.resolvedAt = now;
          event = Notification.Event.RESOLVE;
        }
        boolean changed = !issue.status.equals(previousStatus) || !issue.severity.equals(previousSeverity);
        Notification.Event notified = event;
        Uni<?> history = changed ? IssueEvent.of(issue, verdict.message(), now).persist() : Uni.createFrom().voidItem();
        return history.map(ignored -> transition.notifies()
            ? notifications(issue, spec, notified, verdict.message(), slot.getEpochSecond(), now)
            : List.of());
      }
    }
  }

  /**
   * One notification per channel of the monitor, none while the issue is muted or snoozed. The id names the issue,
   * event, evaluation slot and channel, so the same transition can never be delivered twice.
   */
  private List<Notification> notifications(Issue issue, MonitorSpec spec, Notification.Event event, String message,
      long occasion, Instant now) {
    if (!issue.notifies(now)) {
      return List.of();
    }
    Notification.Alert alert = new Notification.Alert(issue.id, issue.monitorId, spec.name(), issue.status,
        severity(issue), GroupKey.parse(issue.groupKey), issue.lastValue, message, issue.dedupKey, now);
    return spec.channels().stream().map(channelId -> new Notification(
            "issue-" + issue.id + "-" + event.wireName() + "-" + occasion + "-channel-" + channelId,
            issue.organizationId, channelId, event, alert))
        .toList();
  }

  @WithSession
  public Uni<PageOf<IssueView>> list(Caller caller, IssueStatus status, Long monitorId, int page, int size) {
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
    var query = Issue.<Issue>find(where.toString(), Sort.descending("id"), parameters).page(Page.of(page, size));
    return Uni.combine().all().unis(query.list(), query.count()).asTuple()
        .map(t -> new PageOf<>(t.getItem1().stream().map(i -> IssueView.of(i, null)).toList(), page, size,
            t.getItem2()));
  }

  @WithSession
  public Uni<IssueView> get(Caller caller, long id) {
    return owned(caller, id).flatMap(this::withHistory);
  }

  @WithSession
  public Uni<List<DeliveryView>> deliveries(Caller caller, long id) {
    return owned(caller, id).flatMap(issue -> Delivery.<Delivery>list("issueId", Sort.ascending("id"), issue.id))
        .map(list -> list.stream().map(DeliveryView::of).toList());
  }

  @WithTransaction
  public Uni<IssueView> mute(Caller caller, long id, boolean muted) {
    return owned(caller, id).flatMap(issue -> {
      issue.muted = muted;
      issue.updatedAt = Instant.now();
      return IssueEvent.of(issue, muted ? "Muted" : "Unmuted", issue.updatedAt).persist()
          .flatMap(ignored -> withHistory(issue));
    });
  }

  @WithTransaction
  public Uni<IssueView> snooze(Caller caller, long id, Duration duration) {
    return owned(caller, id).flatMap(issue -> {
      issue.updatedAt = Instant.now();
      issue.snoozedUntil = issue.updatedAt.plus(duration);
      return IssueEvent.of(issue, "Snoozed until " + issue.snoozedUntil, issue.updatedAt).persist()
          .flatMap(ignored -> withHistory(issue));
    });
  }

  /** Resolves by hand; channels that heard the issue fire hear it resolve (PagerDuty closes the incident). */
  public Uni<IssueView> resolve(Caller caller, long id) {
    return Panache.withTransaction(() -> owned(caller, id).flatMap(issue -> {
          if (IssueStatus.fromWireName(issue.status) == IssueStatus.RESOLVED) {
            throw new ApiException(409, "conflict", "Issue " + id + " is already resolved");
          }
          boolean wasFiring = IssueStatus.fromWireName(issue.status) == IssueStatus.FIRING;
          Instant now = Instant.now();
          issue.status = IssueStatus.RESOLVED.wireName();
          issue.resolvedAt = now;
          issue.updatedAt = now;
          return IssueEvent.of(issue, "Resolved manually", now).persist()
              .flatMap(ignored -> Monitor.<Monitor>findById(issue.monitorId))
              .call(monitor -> outbox.add(wasFiring
                  ? notifications(issue, specs.read(monitor), Notification.Event.RESOLVE, "Resolved manually",
                      now.getEpochSecond(), now)
                  : List.of()))
              .flatMap(monitor -> withHistory(issue));
        }));
  }

  private Uni<Issue> owned(Caller caller, long id) {
    return Issue.<Issue>findById(id).map(issue -> {
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

  private static Severity severity(Issue issue) {
    return Severity.valueOf(issue.severity.toUpperCase(Locale.ROOT));
  }
}
