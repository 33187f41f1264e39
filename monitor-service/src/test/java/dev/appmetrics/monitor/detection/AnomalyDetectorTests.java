package dev.appmetrics.monitor.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.error.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTests {

  private static final AnomalyDetection BOTH_MEDIUM =
      new AnomalyDetection(null, null, null, null).validated();

  @Test
  void defaultsAreBothDirectionsMediumSensitivityFourDailySeasons() {
    assertEquals(Direction.BOTH, BOTH_MEDIUM.direction());
    assertEquals(Sensitivity.MEDIUM, BOTH_MEDIUM.sensitivity());
    assertEquals(Duration.ofDays(1), BOTH_MEDIUM.seasonLength());
    assertEquals(4, BOTH_MEDIUM.seasons());
  }

  @Test
  void rejectsTooFewSeasons() {
    assertThrows(ApiException.class, () -> new AnomalyDetection(null, null, "1d", 1).validated());
  }

  @Test
  void baselineIsMedianAndScaledMedianAbsoluteDeviation() {
    // Median 10; absolute deviations 2,1,0,1,8 -> median 1 -> scale 1.4826.
    AnomalyDetector.Baseline baseline =
        AnomalyDetector.baseline(List.of(8.0, 9.0, 10.0, 11.0, 18.0));
    assertEquals(10.0, baseline.median());
    assertEquals(1.4826, baseline.scale(), 1e-9);
  }

  @Test
  void flatHistoryUsesFivePercentOfTheMedianAsScale() {
    AnomalyDetector.Baseline baseline = AnomalyDetector.baseline(List.of(200.0, 200.0, 200.0));
    assertEquals(10.0, baseline.scale(), 1e-9);
  }

  @Test
  void allZeroHistoryStillHasAPositiveScale() {
    assertTrue(AnomalyDetector.baseline(List.of(0.0, 0.0, 0.0)).scale() > 0);
  }

  @Test
  void oneOutlierInTheHistoryDoesNotMoveTheBaseline() {
    List<Double> references = List.of(100.0, 101.0, 99.0, 100.0, 5000.0);
    assertEquals(100.0, AnomalyDetector.baseline(references).median());
    assertEquals(
        Condition.BREACH, AnomalyDetector.judge(BOTH_MEDIUM, 200.0, references, null).condition());
  }

  @Test
  void valueFarAboveBaselineIsCritical() {
    // Baseline 100, scale max(1.4826 * 1, 5) = 5; 130 is 6 deviations away, over medium's 4.5.
    Verdict verdict =
        AnomalyDetector.judge(BOTH_MEDIUM, 130.0, List.of(99.0, 100.0, 101.0, 100.0), null);
    assertEquals(Condition.BREACH, verdict.condition());
    assertEquals(Severity.CRITICAL, verdict.severity());
  }

  @Test
  void sensitivityDecidesHowFarIsTooFar() {
    List<Double> references = List.of(99.0, 100.0, 101.0, 100.0);
    // 120 is 4 deviations away: high (3) fires, medium (4.5) holds (over 0.75 * 4.5), low (6)
    // clears.
    assertEquals(
        Condition.BREACH, judge(Sensitivity.HIGH, Direction.BOTH, 120.0, references).condition());
    assertEquals(
        Condition.HOLD, judge(Sensitivity.MEDIUM, Direction.BOTH, 120.0, references).condition());
    assertEquals(
        Condition.CLEAR, judge(Sensitivity.LOW, Direction.BOTH, 120.0, references).condition());
  }

  @Test
  void directionAboveIgnoresDrops() {
    List<Double> references = List.of(99.0, 100.0, 101.0, 100.0);
    assertEquals(
        Condition.CLEAR, judge(Sensitivity.HIGH, Direction.ABOVE, 10.0, references).condition());
    assertEquals(
        Condition.BREACH, judge(Sensitivity.HIGH, Direction.BELOW, 10.0, references).condition());
  }

  @Test
  void abstainsWithoutEnoughHistory() {
    Verdict verdict = AnomalyDetector.judge(BOTH_MEDIUM, 1e6, List.of(1.0, 1.0), null);
    assertEquals(Condition.HOLD, verdict.condition());
  }

  @Test
  void missingCurrentValueIsNoData() {
    assertEquals(
        Condition.NO_DATA,
        AnomalyDetector.judge(BOTH_MEDIUM, null, List.of(1.0, 1.0, 1.0), null).condition());
  }

  @Test
  void referencesAreTheSameWindowInPreviousSeasonsAndItsNeighbours() {
    // Hourly buckets over three days, value = the bucket's hour of the whole series; season 1d,
    // window 1h.
    List<Long> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int hour = 0; hour < 72; hour++) {
      timestamps.add(hour * 3_600_000L);
      values.add((double) hour);
    }
    long end = 72 * 3_600_000L;
    List<Double> references =
        AnomalyDetector.seasonalReferences(
            timestamps, values, end, Duration.ofHours(1), Duration.ofDays(1), 2, Reduce.AVG);
    // Window [71h, 72h) one day back is hour 47 (with neighbours 46 and 48), two days back hour 23
    // (22, 24).
    assertEquals(
        List.of(22.0, 23.0, 24.0, 46.0, 47.0, 48.0), references.stream().sorted().toList());
  }

  @Test
  void historyCoversEverySeasonAndTheNeighbourWindows() {
    assertEquals(
        Duration.ofDays(4).plusMinutes(10),
        AnomalyDetector.history(Duration.ofMinutes(5), Duration.ofDays(1), 4));
  }

  /**
   * Three weeks of 10-minute buckets with a daily cycle (100 ± 40), Gaussian noise (sd 4) and 60 injected anomalies
   * (single buckets moved by 25% to 60% of the expected value, up or down). Every bucket after the first four days is
   * judged against its baseline; the injected positions are the ground truth. The printed figures are the ones in
   * docs/monitors.md.
   */
  @Test
  void findsInjectedAnomaliesInSeasonalData() {
    Random random = new Random(20261125L);
    int perDay = 144;
    int days = 21;
    long bucketMs = 600_000L;
    List<Long> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < perDay * days; i++) {
      timestamps.add(i * bucketMs);
      double expected = 100 + 40 * Math.sin(2 * Math.PI * (i % perDay) / perDay);
      values.add(expected + random.nextGaussian() * 4);
    }
    Set<Integer> injected = new HashSet<>();
    while (injected.size() < 60) {
      int at = perDay + random.nextInt(perDay * (days - 1));
      if (injected.add(at)) {
        double factor = 0.25 + 0.35 * random.nextDouble();
        double sign = random.nextBoolean() ? 1 : -1;
        values.set(at, values.get(at) * (1 + sign * factor));
      }
    }
    int firstJudged = 4 * perDay + 2;
    StringBuilder report = new StringBuilder();
    for (Sensitivity sensitivity : Sensitivity.values()) {
      AnomalyDetection detection =
          new AnomalyDetection(Direction.BOTH, sensitivity, "1d", 4).validated();
      int truePositives = 0;
      int falsePositives = 0;
      int falseNegatives = 0;
      for (int i = firstJudged; i < values.size(); i++) {
        long end = timestamps.get(i) + bucketMs;
        List<Double> references =
            AnomalyDetector.seasonalReferences(
                timestamps,
                values,
                end,
                Duration.ofMillis(bucketMs),
                Duration.ofDays(1),
                4,
                Reduce.AVG);
        boolean flagged =
            AnomalyDetector.judge(detection, values.get(i), references, null).condition()
                == Condition.BREACH;
        boolean anomalous = injected.contains(i);
        if (flagged && anomalous) {
          truePositives++;
        } else if (flagged) {
          falsePositives++;
        } else if (anomalous) {
          falseNegatives++;
        }
      }
      double precision = truePositives / (double) (truePositives + falsePositives);
      double recall = truePositives / (double) (truePositives + falseNegatives);
      report.append(
          String.format(
              Locale.ROOT,
              "%s: precision %.3f recall %.3f (tp %d, fp %d, fn %d)%n",
              sensitivity,
              precision,
              recall,
              truePositives,
              falsePositives,
              falseNegatives));
      assertTrue(precision >= 0.8, sensitivity + " precision " + precision);
      if (sensitivity != Sensitivity.LOW) {
        assertTrue(recall >= 0.8, sensitivity + " recall " + recall);
      }
    }
    System.out.print("Anomaly detection on generated seasonal data:\n" + report);
  }

  private static Verdict judge(
      Sensitivity sensitivity, Direction direction, double value, List<Double> references) {
    return AnomalyDetector.judge(
        new AnomalyDetection(direction, sensitivity, "1d", 4).validated(), value, references, null);
  }
}
