package dev.appmetrics.monitor.silence;

import java.time.Instant;
import java.util.List;

/**
 * A silence as the API shows it: its spec, whether it holds notifications now, when a maintenance window's next
 * occurrences start (up to {@value #UPCOMING}, before its {@code endsAt}), how many notifications it held so far
 * ({@code held}, listed at {@code /held}), and who made it.
 */
public record SilenceView(
    long id,
    String comment,
    List<Long> monitors,
    Long project,
    String match,
    String startsAt,
    String endsAt,
    Recurrence recurrence,
    boolean activeNow,
    List<Instant> nextOccurrences,
    long held,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  static final int UPCOMING = 3;

  static SilenceView of(Silence silence, SilenceSpec spec, Instant now, long held) {
    List<Instant> next =
        spec.recurrence() == null
            ? List.of()
            : spec.recurrence().next(now, Instant.parse(spec.startsAt()), UPCOMING).stream()
                .filter(
                    start -> spec.endsAt() == null || start.isBefore(Instant.parse(spec.endsAt())))
                .toList();
    return new SilenceView(
        silence.id,
        spec.comment(),
        spec.monitors(),
        spec.project(),
        spec.match(),
        spec.startsAt(),
        spec.endsAt(),
        spec.recurrence(),
        spec.activeAt(now),
        next,
        held,
        silence.createdBy,
        silence.createdAt,
        silence.updatedAt);
  }

  /** A notification the silence held: the issue, its monitor and group, the event and severity, and when. */
  public record Held(
      long issueId,
      long monitorId,
      String group,
      String event,
      String severity,
      String message,
      Instant heldAt) {

    static Held of(HeldNotification held) {
      return new Held(
          held.issueId,
          held.monitorId,
          held.groupKey,
          held.event,
          held.severity,
          held.message,
          held.heldAt);
    }
  }
}
