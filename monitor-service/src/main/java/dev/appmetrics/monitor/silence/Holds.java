package dev.appmetrics.monitor.silence;

import dev.appmetrics.monitor.definition.GroupKey;
import dev.appmetrics.monitor.notification.Notification;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences holding one monitor's notifications right now: which one (if any) holds a group, and the record of
 * what each held.
 */
public final class Holds {

  public static final Holds NONE = new Holds(List.of());

  private record Active(long id, SilenceSpec spec) {}

  private final List<Active> active;

  private Holds(List<Active> active) {
    this.active = active;
  }

  static Holds of(List<Map.Entry<Long, SilenceSpec>> silences) {
    return new Holds(silences.stream().map(e -> new Active(e.getKey(), e.getValue())).toList());
  }

  /** The silence holding this group's notifications, if one does. */
  public Optional<Long> holding(Map<String, Object> group) {
    return active.stream().filter(a -> a.spec().matches(group)).map(Active::id).findFirst();
  }

  /**
   * Records what {@code silenceId} held (one notification per channel: recorded once per issue), in the caller's
   * transaction; one already recorded for the same issue, event and severity (every evaluation during the silence
   * holds it again) is not recorded twice.
   */
  public static Uni<Void> record(long silenceId, List<Notification> held, Instant at) {
    Map<Long, Notification> byIssue = new LinkedHashMap<>();
    held.forEach(n -> byIssue.putIfAbsent(n.alert().issueId(), n));
    return Multi.createFrom()
        .iterable(byIssue.values())
        .onItem()
        .transformToUniAndConcatenate(
            n ->
                HeldNotification.count(
                        "silenceId = ?1 and issueId = ?2 and event = ?3 and severity = ?4",
                        silenceId,
                        n.alert().issueId(),
                        n.event().wireName(),
                        n.alert().severity().wireName())
                    .flatMap(
                        count ->
                            count > 0
                                ? Uni.createFrom().voidItem()
                                : held(silenceId, n, at).persist().replaceWithVoid()))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static HeldNotification held(long silenceId, Notification notification, Instant at) {
    Notification.Alert alert = notification.alert();
    HeldNotification row = new HeldNotification();
    row.organizationId = notification.organizationId();
    row.silenceId = silenceId;
    row.issueId = alert.issueId();
    row.monitorId = alert.monitorId();
    row.groupKey = GroupKey.of(alert.group());
    row.event = notification.event().wireName();
    row.severity = alert.severity().wireName();
    row.message = alert.message();
    row.heldAt = at;
    return row;
  }
}
