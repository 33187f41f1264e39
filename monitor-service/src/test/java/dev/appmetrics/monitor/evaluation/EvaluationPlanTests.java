package dev.appmetrics.monitor.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.monitor.definition.MonitorQuery;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.AnomalyDetection;
import dev.appmetrics.monitor.detection.ChangeDetection;
import dev.appmetrics.monitor.detection.Condition;
import dev.appmetrics.monitor.detection.Detection;
import dev.appmetrics.monitor.detection.Direction;
import dev.appmetrics.monitor.detection.Reduce;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.ThresholdDetection;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.evidence.Links;
import dev.appmetrics.monitor.issue.GroupVerdict;
import dev.appmetrics.monitor.query.TimeseriesRequest;
import dev.appmetrics.monitor.query.TimeseriesResponse;
import dev.appmetrics.monitor.query.TimeseriesResponse.Series;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationPlanTests {

  private static final Instant SLOT = Instant.parse("2026-11-25T10:03:30Z");
  private static final long MINUTE = 60_000L;
  private static final Links LINKS = new Links("http://ui.test");

  private static MonitorSpec spec(Detection detection, Reduce reduce) {
    return new MonitorSpec(
            "latency",
            new MonitorQuery(
                List.of(12L),
                List.of(
                    new TimeseriesRequest.Query(
                        "A", "checkout.latency", "p95", "route:/checkout", List.of("region"))),
                null,
                null,
                "1m",
                "5m"),
            detection,
            new MonitorSpec.Evaluation("1m", "1m", reduce, 1),
            null,
            null,
            null)
        .validated();
  }

  @Test
  void windowEndsAtTheSlotMinusTheDelayOnABucketBoundary() {
    EvaluationPlan plan =
        EvaluationPlan.of(
            spec(new ThresholdDetection(Direction.ABOVE, null, 100.0, null), null), SLOT);
    // 10:03:30 minus the 1m delay is 10:02:30, rounded down to the 1m bucket: 10:02.
    assertEquals(Instant.parse("2026-11-25T10:02:00Z"), plan.windowEnd());
    TimeseriesRequest request = plan.requests().get(0);
    assertEquals("2026-11-25T09:57:00Z", request.start());
    assertEquals("2026-11-25T10:02:00Z", request.end());
    assertEquals("1m", request.interval());
    assertEquals(List.of(12L), request.projects());
    assertEquals("route:/checkout", request.queries().get(0).filter());
  }

  @Test
  void changeAlsoAsksForTheSameWindowEarlier() {
    List<TimeseriesRequest> requests =
        EvaluationPlan.of(
                spec(new ChangeDetection(Direction.ABOVE, 50.0, null, null, "1h"), null), SLOT)
            .requests();
    assertEquals(2, requests.size());
    assertEquals("2026-11-25T08:57:00Z", requests.get(1).start());
    assertEquals("2026-11-25T09:02:00Z", requests.get(1).end());
  }

  @Test
  void anomalyAsksForEverySeasonOfHistory() {
    List<TimeseriesRequest> requests =
        EvaluationPlan.of(spec(new AnomalyDetection(null, null, "1d", 4), null), SLOT).requests();
    // Four days plus the window and one neighbour window: 10:02 - 4d - 10m.
    assertEquals("2026-11-21T09:52:00Z", requests.get(0).start());
  }

  @Test
  void judgesEachGroupOfTheWatchedLabelOverTheWindow() {
    EvaluationPlan plan =
        EvaluationPlan.of(
            spec(new ThresholdDetection(Direction.ABOVE, 100.0, 200.0, null), Reduce.MAX), SLOT);
    long start = Instant.parse("2026-11-25T09:57:00Z").toEpochMilli();
    List<Long> timestamps =
        List.of(start, start + MINUTE, start + 2 * MINUTE, start + 3 * MINUTE, start + 4 * MINUTE);
    TimeseriesResponse answer =
        new TimeseriesResponse(
            null,
            null,
            60,
            timestamps,
            List.of(
                series("A", Map.of("region", "eu"), false, 10.0, 250.0, null, 20.0, 30.0),
                series("A", Map.of("region", "us"), false, 10.0, 120.0, 20.0, null, 30.0),
                series("A", Map.of(), true, 900.0, 900.0, 900.0, 900.0, 900.0)));
    List<GroupVerdict> verdicts = plan.verdicts(List.of(answer), LINKS);
    assertEquals(2, verdicts.size());
    assertEquals(Map.of("region", "eu"), verdicts.get(0).group());
    assertEquals(Severity.CRITICAL, verdicts.get(0).verdict().severity());
    assertEquals(250.0, verdicts.get(0).verdict().value());
    assertEquals(Severity.WARNING, verdicts.get(1).verdict().severity());
  }

  @Test
  void noSeriesAtAllIsNoDataForTheMonitor() {
    EvaluationPlan plan =
        EvaluationPlan.of(
            spec(new ThresholdDetection(Direction.ABOVE, null, 1.0, null), null), SLOT);
    List<GroupVerdict> verdicts =
        plan.verdicts(List.of(new TimeseriesResponse(null, null, 60, List.of(), List.of())), LINKS);
    assertEquals(
        List.of(
            new GroupVerdict(
                Map.of(),
                new Verdict(Condition.NO_DATA, null, null, "No data in the evaluation window"))),
        verdicts);
  }

  @Test
  void changeMatchesGroupsAcrossTheTwoWindows() {
    EvaluationPlan plan =
        EvaluationPlan.of(
            spec(new ChangeDetection(Direction.ABOVE, 50.0, null, null, "1h"), Reduce.AVG), SLOT);
    long now = Instant.parse("2026-11-25T09:57:00Z").toEpochMilli();
    long before = now - 3_600_000L;
    TimeseriesResponse current =
        new TimeseriesResponse(
            null,
            null,
            60,
            List.of(now),
            List.of(
                series("A", Map.of("region", "eu"), false, 200.0),
                series("A", Map.of("region", "us"), false, 110.0)));
    TimeseriesResponse previous =
        new TimeseriesResponse(
            null,
            null,
            60,
            List.of(before),
            List.of(
                series("A", Map.of("region", "us"), false, 100.0),
                series("A", Map.of("region", "eu"), false, 100.0)));
    List<GroupVerdict> verdicts = plan.verdicts(List.of(current, previous), LINKS);
    assertEquals(Condition.BREACH, verdicts.get(0).verdict().condition());
    assertEquals(Condition.CLEAR, verdicts.get(1).verdict().condition());
  }

  private static Series series(
      String label, Map<String, Object> group, boolean other, Double... values) {
    return new Series(
        label,
        "query",
        "checkout.latency",
        "p95",
        "millisecond",
        group,
        other,
        Arrays.asList(values));
  }

  private static MonitorSpec guarded(Detection detection) {
    return new MonitorSpec(
            "latency",
            new MonitorQuery(
                List.of(12L),
                List.of(
                    new TimeseriesRequest.Query(
                        "A", "checkout.latency", "p95", "route:/checkout", List.of("region"))),
                null,
                null,
                "1m",
                "5m"),
            detection,
            new MonitorSpec.Evaluation("1m", "1m", Reduce.MAX, 1, 50, null),
            null,
            null,
            null)
        .validated();
  }

  @Test
  void aMinimumOfEventsCountsTheQueryUnderAFreeLabelInTheSameRequest() {
    List<TimeseriesRequest> requests =
        EvaluationPlan.of(guarded(new ThresholdDetection(Direction.ABOVE, null, 200.0, null)), SLOT)
            .requests();
    assertEquals(
        List.of(
            new TimeseriesRequest.Query(
                "Z", "checkout.latency", "count", "route:/checkout", List.of("region"))),
        requests.get(0).queries().subList(1, 2));
  }

  @Test
  void fewerEventsThanTheMinimumIsNotEnoughDataEvenWhenTheValueBreaches() {
    EvaluationPlan plan =
        EvaluationPlan.of(
            guarded(new ThresholdDetection(Direction.ABOVE, null, 200.0, null)), SLOT);
    long start = Instant.parse("2026-11-25T09:57:00Z").toEpochMilli();
    List<Long> timestamps = List.of(start, start + MINUTE);
    TimeseriesResponse answer =
        new TimeseriesResponse(
            null,
            null,
            60,
            timestamps,
            List.of(
                series("A", Map.of("region", "eu"), false, 250.0, 300.0),
                series("Z", Map.of("region", "eu"), false, 4.0, 6.0),
                series("A", Map.of("region", "us"), false, 250.0, 300.0),
                series("Z", Map.of("region", "us"), false, 20.0, 30.0)));
    List<GroupVerdict> verdicts = plan.verdicts(List.of(answer), LINKS);
    assertEquals(Condition.NOT_ENOUGH_DATA, verdicts.get(0).verdict().condition());
    assertEquals(
        "Not enough data: 10 events in the window, fewer than the 50 the monitor needs",
        verdicts.get(0).verdict().message());
    assertEquals(Condition.BREACH, verdicts.get(1).verdict().condition());
  }

  @Test
  void aChangeAlsoNeedsTheMinimumInTheEarlierWindow() {
    EvaluationPlan plan =
        EvaluationPlan.of(
            guarded(new ChangeDetection(Direction.ABOVE, 50.0, null, null, "1h")), SLOT);
    long now = Instant.parse("2026-11-25T09:57:00Z").toEpochMilli();
    TimeseriesResponse current =
        new TimeseriesResponse(
            null,
            null,
            60,
            List.of(now),
            List.of(
                series("A", Map.of("region", "eu"), false, 200.0),
                series("Z", Map.of("region", "eu"), false, 80.0)));
    TimeseriesResponse previous =
        new TimeseriesResponse(
            null,
            null,
            60,
            List.of(now - 3_600_000L),
            List.of(
                series("A", Map.of("region", "eu"), false, 100.0),
                series("Z", Map.of("region", "eu"), false, 49.0)));
    Verdict verdict = plan.verdicts(List.of(current, previous), LINKS).get(0).verdict();
    assertEquals(Condition.NOT_ENOUGH_DATA, verdict.condition());
    assertEquals(
        "Not enough data: 49 events in the earlier window, fewer than the 50 the monitor needs",
        verdict.message());
  }
}
