package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.notification.Outbox;
import dev.appmetrics.monitor.silence.Holds;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * What {@link Paging} decided for one issue: the notifications to send, or those a silence ({@code silenceId}) held.
 */
record Paged(List<Notification> sent, Long silenceId, List<Notification> held, Instant at) {

  static final Paged NOTHING = new Paged(List.of(), null, List.of(), null);

  static Paged sending(List<Notification> sent) {
    return new Paged(sent, null, List.of(), null);
  }

  static Paged holding(long silenceId, List<Notification> held, Instant at) {
    return new Paged(List.of(), silenceId, held, at);
  }

  /** Writes the sent notifications to the outbox and records the held ones, in the caller's transaction. */
  static Uni<Void> write(List<Paged> decisions, Outbox outbox) {
    Uni<Void> held = Uni.createFrom().voidItem();
    for (Paged paged : decisions) {
      if (!paged.held().isEmpty()) {
        held = held.call(() -> Holds.record(paged.silenceId(), paged.held(), paged.at()));
      }
    }
    return held.call(() -> outbox.add(decisions.stream().flatMap(p -> p.sent().stream()).toList()));
  }
}
