package dev.appmetrics.monitor.issue;

import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.definition.GroupKey;
import dev.appmetrics.monitor.detection.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An issue as the API shows it; {@code history} only when one issue is asked for. */
public record IssueView(
    long id,
    long monitorId,
    Map<String, Object> group,
    IssueStatus status,
    Severity severity,
    Double lastValue,
    String dedupKey,
    boolean muted,
    Instant snoozedUntil,
    Instant openedAt,
    Instant updatedAt,
    Instant resolvedAt,
    List<HistoryEntry> history) {

  /** {@code actor}: who made the change, {@code evaluation} or {@code token:<id>} ({@link Actor}). */
  public record HistoryEntry(
      IssueStatus status,
      Severity severity,
      Double value,
      String message,
      Instant at,
      String actor) {}

  static IssueView of(Issue issue, List<IssueEvent> events) {
    return new IssueView(
        issue.id,
        issue.monitorId,
        GroupKey.parse(issue.groupKey),
        IssueStatus.fromWireName(issue.status),
        issue.severityLevel(),
        issue.lastValue,
        issue.dedupKey,
        issue.muted,
        issue.snoozedUntil,
        issue.openedAt,
        issue.updatedAt,
        issue.resolvedAt,
        events == null
            ? null
            : events.stream()
                .map(
                    e ->
                        new HistoryEntry(
                            IssueStatus.fromWireName(e.status),
                            Severity.valueOf(e.severity.toUpperCase(java.util.Locale.ROOT)),
                            e.value,
                            e.message,
                            e.at,
                            e.actor))
                .toList());
  }
}
