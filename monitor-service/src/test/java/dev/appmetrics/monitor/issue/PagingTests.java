package dev.appmetrics.monitor.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.monitor.definition.MonitorQuery;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.Direction;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import dev.appmetrics.monitor.silence.Holds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reminders: what a firing issue's channels hear again, and when. */
class PagingTests {

  private static final Instant PAGED = Instant.parse("2026-11-25T10:00:00Z");

  private static MonitorSpec spec(String remindEvery) {
    return new MonitorSpec(
            "latency",
            new MonitorQuery(
                List.of(12L),
                List.of(new TimeseriesRequest.Query("A", "checkout.latency", "p95", null, null)),
                null,
                null,
                "1m",
                "5m"),
            new ThresholdDetection(Direction.ABOVE, 100.0, 200.0, null),
            new MonitorSpec.Evaluation("1m", "0s", null, 1, null, remindEvery),
            null,
            List.of(3L, 4L),
            null)
        .validated();
  }

  private static Issue paged(String severity) {
    Issue issue = new Issue();
    issue.id = 7L;
    issue.monitorId = 5;
    issue.groupKey = "{}";
    issue.status = "firing";
    issue.severity = severity;
    issue.pagedSeverity = severity;
    issue.pagedAt = PAGED;
    issue.openedAt = PAGED.minusSeconds(60);
    issue.dedupKey = "appmetrics-1";
    return issue;
  }

  private static List<String> due(Issue issue, String remindEvery, Instant now) {
    return Paging.due(issue, spec(remindEvery), "still over", null, "slot", now, Holds.NONE, null)
        .sent()
        .stream()
        .map(n -> n.event().wireName() + " " + n.channelId())
        .toList();
  }

  @Test
  void aCriticalIssueIsRemindedEveryPeriodAfterChannelsLastHeardOfIt() {
    Issue issue = paged("critical");
    assertEquals(List.of(), due(issue, "30m", PAGED.plusSeconds(29 * 60 + 59)));
    assertEquals(
        List.of("reminder 3", "reminder 4"), due(issue, "30m", PAGED.plusSeconds(30 * 60)));
    assertEquals(PAGED.plusSeconds(30 * 60), issue.pagedAt);
    assertEquals(List.of(), due(issue, "30m", PAGED.plusSeconds(45 * 60)));
    assertEquals(
        List.of("reminder 3", "reminder 4"), due(issue, "30m", PAGED.plusSeconds(60 * 60)));
  }

  @Test
  void noReminderWithoutTheSettingForAWarningOrWhileMuted() {
    assertEquals(List.of(), due(paged("critical"), null, PAGED.plusSeconds(86_400)));
    assertEquals(List.of(), due(paged("warning"), "1m", PAGED.plusSeconds(3_600)));
    Issue muted = paged("critical");
    muted.muted = true;
    assertEquals(List.of(), due(muted, "1m", PAGED.plusSeconds(3_600)));
  }

  @Test
  void aReminderSaysHowLongTheIssueHasBeenOpen() {
    Notification reminder =
        Paging.due(
                paged("critical"),
                spec("1m"),
                "still over",
                null,
                "slot",
                PAGED.plusSeconds(240),
                Holds.NONE,
                null)
            .sent()
            .get(0);
    assertEquals("5 min", reminder.alert().lasted());
    assertEquals("issue-7-reminder-slot-channel-3", reminder.id());
  }
}
