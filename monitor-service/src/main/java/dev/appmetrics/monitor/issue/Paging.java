package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.definition.GroupKey;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Units;
import dev.appmetrics.monitor.notification.Evidence;
import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.silence.Holds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the channels must hear about an issue, decided from its state and what they were told before, so every path
 * that changes an issue (an evaluation, a manual resolve, the end of a mute or snooze, disabling or deleting its
 * monitor) pages alike. A firing issue whose severity differs from the last trigger sent is triggered, unless muted
 * or snoozed (then the end of the mute or snooze sends it) or silenced (the trigger is recorded as held, and the first
 * evaluation after the silence sends it); a resolved issue that was triggered is resolved on the channels that got the
 * trigger, muted, snoozed or silenced or not, so no incident stays open. A monitor with {@code remindEvery} reminds
 * the channels of an issue that stays critical that long after they last heard of it (held alike).
 */
final class Paging {

  private Paging() {}

  /**
   * The notifications due now, recording them on the issue. {@code occasion} makes their ids unique per issue and
   * event (an evaluation's slot, or the moment of an API call), so the same one is never delivered twice;
   * {@code actor} is the person whose action caused them ({@link Actor#of}), null for an evaluation.
   */
  static Paged due(
      Issue issue,
      MonitorSpec spec,
      String message,
      Evidence evidence,
      String occasion,
      Instant now,
      Holds holds,
      String actor) {
    IssueStatus status = IssueStatus.fromWireName(issue.status);
    if (status == IssueStatus.RESOLVED) {
      return Paged.sending(
          send(
              issue,
              spec,
              Notification.Event.RESOLVE,
              issue.pagedChannelIds(),
              message,
              evidence,
              occasion,
              now,
              actor));
    }
    if (status != IssueStatus.FIRING || !issue.notifies(now)) {
      return Paged.NOTHING;
    }
    Notification.Event event =
        issue.severity.equals(issue.pagedSeverity)
            ? reminder(issue, spec, now)
            : Notification.Event.TRIGGER;
    if (event == null) {
      return Paged.NOTHING;
    }
    List<Notification> notifications =
        send(issue, spec, event, spec.channels(), message, evidence, occasion, now, actor);
    Optional<Long> silence = holds.holding(GroupKey.parse(issue.groupKey));
    if (silence.isPresent()) {
      return Paged.holding(silence.get(), notifications, now);
    }
    issue.pagedSeverity = issue.severity;
    issue.pagedAt = now;
    issue.addPagedChannels(spec.channels());
    return Paged.sending(notifications);
  }

  /** A reminder when the monitor has them and its issue, paged critical, was last heard of that long ago. */
  private static Notification.Event reminder(Issue issue, MonitorSpec spec, Instant now) {
    Duration every = spec.remindEvery();
    boolean due =
        every != null
            && issue.severityLevel() == Severity.CRITICAL
            && issue.pagedAt != null
            && !now.isBefore(issue.pagedAt.plus(every));
    return due ? Notification.Event.REMINDER : null;
  }

  /** A resolve, a reminder, and whatever a person's action sends say how long the issue was (or has been) open. */
  private static List<Notification> send(
      Issue issue,
      MonitorSpec spec,
      Notification.Event event,
      List<Long> channels,
      String message,
      Evidence evidence,
      String occasion,
      Instant now,
      String actor) {
    boolean sinceOpened =
        event == Notification.Event.RESOLVE
            || event == Notification.Event.REMINDER
            || actor != null;
    String lasted =
        sinceOpened
            ? Units.format((double) Duration.between(issue.openedAt, now).toSeconds(), "second")
            : null;
    // A person's action evaluates nothing: the value as the last evaluation worded it, or the
    // number rounded.
    String valueText =
        issue.lastValueText != null || issue.lastValue == null
            ? issue.lastValueText
            : Units.number(issue.lastValue);
    Notification.Alert alert =
        new Notification.Alert(
            issue.id,
            issue.monitorId,
            spec.name(),
            issue.status,
            issue.severityLevel(),
            GroupKey.parse(issue.groupKey),
            issue.lastValue,
            valueText,
            message,
            issue.dedupKey,
            now,
            evidence,
            lasted,
            actor);
    return channels.stream()
        .map(
            channelId ->
                new Notification(
                    "issue-"
                        + issue.id
                        + "-"
                        + event.wireName()
                        + "-"
                        + occasion
                        + "-channel-"
                        + channelId,
                    issue.organizationId,
                    channelId,
                    event,
                    alert))
        .toList();
  }
}
