package dev.appmetrics.monitor.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.monitor.api.Problems;
import dev.appmetrics.monitor.detection.CompositeDetection.Judged;
import dev.appmetrics.monitor.detection.CompositeDetection.Operator;
import dev.appmetrics.monitor.detection.CompositeDetection.Part;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeDetectionTests {

  private static final Part COUNT =
      new Part("B", new ThresholdDetection(Direction.ABOVE, null, 100.0, null));
  private static final Part P95 =
      new Part("A", new ChangeDetection(Direction.ABOVE, 20.0, 50.0, null, "1d"));

  private static final Verdict CRITICAL = Verdict.breach(Severity.CRITICAL, 9, "critical");
  private static final Verdict WARNING = Verdict.breach(Severity.WARNING, 8, "warning");
  private static final Verdict HOLD = Verdict.hold(7, "hold");
  private static final Verdict CLEAR = Verdict.clear(6.0, "clear");
  private static final Verdict NO_DATA = Verdict.noData();
  private static final Verdict FEW = Verdict.notEnoughData(5.0, 3, 50, "in the window");

  /** Two conditions' verdicts and what AND and OR make of them. */
  record Row(
      Verdict first,
      Verdict second,
      Condition and,
      Severity andSeverity,
      Condition or,
      Severity orSeverity) {}

  @Test
  void andNeedsEveryConditionAndOrAnyAtTheRightSeverity() {
    List<Row> table =
        List.of(
            new Row(
                CRITICAL,
                CRITICAL,
                Condition.BREACH,
                Severity.CRITICAL,
                Condition.BREACH,
                Severity.CRITICAL),
            new Row(
                CRITICAL,
                WARNING,
                Condition.BREACH,
                Severity.WARNING,
                Condition.BREACH,
                Severity.CRITICAL),
            new Row(CRITICAL, CLEAR, Condition.CLEAR, null, Condition.BREACH, Severity.CRITICAL),
            new Row(CLEAR, WARNING, Condition.CLEAR, null, Condition.BREACH, Severity.WARNING),
            new Row(CRITICAL, HOLD, Condition.HOLD, null, Condition.BREACH, Severity.CRITICAL),
            new Row(HOLD, CLEAR, Condition.CLEAR, null, Condition.HOLD, null),
            new Row(CLEAR, CLEAR, Condition.CLEAR, null, Condition.CLEAR, null),
            new Row(
                CRITICAL, NO_DATA, Condition.NO_DATA, null, Condition.BREACH, Severity.CRITICAL),
            new Row(CLEAR, NO_DATA, Condition.CLEAR, null, Condition.NO_DATA, null),
            new Row(
                CRITICAL,
                FEW,
                Condition.NOT_ENOUGH_DATA,
                null,
                Condition.BREACH,
                Severity.CRITICAL),
            new Row(
                FEW, NO_DATA, Condition.NOT_ENOUGH_DATA, null, Condition.NOT_ENOUGH_DATA, null));
    for (Row row : table) {
      List<Judged> judged = List.of(new Judged(COUNT, row.first()), new Judged(P95, row.second()));
      Verdict and = new CompositeDetection(Operator.AND, List.of(COUNT, P95)).combine(judged);
      Verdict or = new CompositeDetection(Operator.OR, List.of(COUNT, P95)).combine(judged);
      assertEquals(
          List.of(
              row.and(),
              String.valueOf(row.andSeverity()),
              row.or(),
              String.valueOf(row.orSeverity())),
          List.of(
              and.condition(),
              String.valueOf(and.severity()),
              or.condition(),
              String.valueOf(or.severity())),
          row.toString());
      assertEquals(row.first().value(), and.value());
    }
  }

  @Test
  void theMessageSaysWhichConditionsHeld() {
    Verdict verdict =
        new CompositeDetection(Operator.AND, List.of(COUNT, P95))
            .combine(List.of(new Judged(COUNT, CRITICAL), new Judged(P95, CLEAR)));
    assertEquals("All of: B held: critical; A did not hold: clear", verdict.message());
  }

  @Test
  void conditionsAreThresholdsOrChangesWithLevelsOfTheirOwnChecked() {
    Problems problems = new Problems();
    new CompositeDetection(
            null,
            List.of(
                COUNT,
                new Part("A", new AnomalyDetection(null, null, null, null)),
                new Part(" ", new ThresholdDetection(Direction.ABOVE, null, null, null))))
        .validated(problems);
    List<String> fields = new ArrayList<>(problems.details().stream().map(d -> d.field()).toList());
    assertEquals(
        List.of(
            "detection.operator",
            "detection.conditions[1].detection",
            "detection.conditions[2].watch",
            "detection.conditions[2].detection.critical"),
        fields);
    assertThrows(
        ApiException.class,
        () -> Problems.require(new CompositeDetection(Operator.OR, List.of(COUNT))::validated));
  }
}
