package dev.appmetrics.monitor.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appmetrics.monitor.definition.NoDataBehaviour;
import dev.appmetrics.monitor.detection.Severity;
import dev.appmetrics.monitor.detection.Verdict;
import dev.appmetrics.monitor.issue.Transition.Open;
import dev.appmetrics.monitor.issue.Transition.Step;
import org.junit.jupiter.api.Test;

class TransitionTests {

  private static final Verdict CRITICAL = Verdict.breach(Severity.CRITICAL, 250, "over");
  private static final Verdict WARNING = Verdict.breach(Severity.WARNING, 150, "over");
  private static final Verdict HOLD = Verdict.hold(90, "hovering");
  private static final Verdict CLEAR = Verdict.clear(10.0, "fine");
  private static final Open FIRING_CRITICAL = new Open(IssueStatus.FIRING, Severity.CRITICAL, 3);

  @Test
  void breachWithoutIssueFiresAtOnceWhenOneEvaluationIsEnough() {
    Transition t = Transition.next(null, CRITICAL, 1, NoDataBehaviour.KEEP);
    assertEquals(Step.OPEN_FIRING, t.step());
    assertEquals(Severity.CRITICAL, t.severity());
  }

  @Test
  void breachWithoutIssueIsPendingWhenSeveralEvaluationsAreRequired() {
    Transition t = Transition.next(null, WARNING, 3, NoDataBehaviour.KEEP);
    assertEquals(Step.OPEN_PENDING, t.step());
    assertEquals(1, t.breaches());
  }

  @Test
  void pendingIssueCountsBreachesAndFiresOnTheRequiredOne() {
    Open pending = new Open(IssueStatus.PENDING, Severity.WARNING, 1);
    assertEquals(
        Step.COUNT_PENDING, Transition.next(pending, WARNING, 3, NoDataBehaviour.KEEP).step());
    Open twice = new Open(IssueStatus.PENDING, Severity.WARNING, 2);
    Transition fire = Transition.next(twice, CRITICAL, 3, NoDataBehaviour.KEEP);
    assertEquals(Step.FIRE, fire.step());
    assertEquals(3, fire.breaches());
    assertEquals(Severity.CRITICAL, fire.severity());
  }

  @Test
  void pendingIssueThatClearsIsDroppedSilently() {
    Open pending = new Open(IssueStatus.PENDING, Severity.WARNING, 1);
    Transition t = Transition.next(pending, HOLD, 3, NoDataBehaviour.KEEP);
    assertEquals(Step.DROP_PENDING, t.step());
  }

  @Test
  void firingIssueWithSameSeverityOnlyUpdates() {
    Transition t = Transition.next(FIRING_CRITICAL, CRITICAL, 1, NoDataBehaviour.KEEP);
    assertEquals(Step.UPDATE, t.step());
  }

  @Test
  void firingIssueChangingSeverityNotifiesAgain() {
    Transition t = Transition.next(FIRING_CRITICAL, WARNING, 1, NoDataBehaviour.KEEP);
    assertEquals(Step.ESCALATE, t.step());
    assertEquals(Severity.WARNING, t.severity());
  }

  @Test
  void firingIssueHoldsBetweenAlertAndResolveLevels() {
    Transition t = Transition.next(FIRING_CRITICAL, HOLD, 1, NoDataBehaviour.KEEP);
    assertEquals(Step.UPDATE, t.step());
    assertEquals(Severity.CRITICAL, t.severity());
  }

  @Test
  void firingIssueResolvesWhenClear() {
    Transition t = Transition.next(FIRING_CRITICAL, CLEAR, 1, NoDataBehaviour.KEEP);
    assertEquals(Step.RESOLVE, t.step());
  }

  @Test
  void clearWithoutIssueDoesNothing() {
    assertEquals(Step.NONE, Transition.next(null, CLEAR, 1, NoDataBehaviour.KEEP).step());
  }

  @Test
  void noDataKeepLeavesAFiringIssueFiring() {
    assertEquals(
        Step.NONE,
        Transition.next(FIRING_CRITICAL, Verdict.noData(), 1, NoDataBehaviour.KEEP).step());
  }

  @Test
  void noDataOkResolves() {
    assertEquals(
        Step.RESOLVE,
        Transition.next(FIRING_CRITICAL, Verdict.noData(), 1, NoDataBehaviour.OK).step());
  }

  @Test
  void noDataAlertFiresCritical() {
    Transition t = Transition.next(null, Verdict.noData(), 1, NoDataBehaviour.ALERT);
    assertEquals(Step.OPEN_FIRING, t.step());
    assertEquals(Severity.CRITICAL, t.severity());
  }

  @Test
  void notEnoughDataNeitherFiresNorResolvesNorDropsAPendingIssue() {
    Verdict few = Verdict.notEnoughData(900.0, 3, 50, "in the window");
    assertEquals(Step.NONE, Transition.next(null, few, 1, NoDataBehaviour.ALERT).step());
    assertEquals(
        Step.NONE,
        Transition.next(
                new Transition.Open(IssueStatus.FIRING, Severity.CRITICAL, 4),
                few,
                1,
                NoDataBehaviour.OK)
            .step());
    assertEquals(
        Step.NONE,
        Transition.next(
                new Transition.Open(IssueStatus.PENDING, Severity.WARNING, 1),
                few,
                3,
                NoDataBehaviour.OK)
            .step());
  }
}
