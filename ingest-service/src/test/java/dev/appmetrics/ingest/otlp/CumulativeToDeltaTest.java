package dev.appmetrics.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cumulative points to deltas per series, with resets and the restart rule. */
class CumulativeToDeltaTest {

  private static final long PROCESS_START = 1_000;

  @Test
  void countsASeriesThatStartedAfterThisProcessWholeThenItsIncreases() {
    CumulativeToDelta deltas = new CumulativeToDelta(10, PROCESS_START);
    assertArrayEquals(
        new double[] {5}, deltas.delta("s", 2_000, 3_000, new double[] {5}).orElseThrow().values());
    CumulativeToDelta.Delta next = deltas.delta("s", 2_000, 4_000, new double[] {7}).orElseThrow();
    assertArrayEquals(new double[] {2}, next.values());
    assertEquals(3_000, next.previousTimeNanos());
  }

  @Test
  void onlyRemembersASeriesThatBeganBeforeThisProcessKnewIt() {
    CumulativeToDelta deltas = new CumulativeToDelta(10, PROCESS_START);
    assertTrue(deltas.delta("s", 500, 3_000, new double[] {100}).isEmpty());
    assertArrayEquals(
        new double[] {3}, deltas.delta("s", 500, 4_000, new double[] {103}).orElseThrow().values());
  }

  @Test
  void treatsANewStartOrADecreaseAsAReset() {
    CumulativeToDelta deltas = new CumulativeToDelta(10, PROCESS_START);
    deltas.delta("s", 2_000, 3_000, new double[] {5, 5});
    assertArrayEquals(
        new double[] {1, 2},
        deltas.delta("s", 2_500, 4_000, new double[] {1, 2}).orElseThrow().values());
    assertArrayEquals(
        new double[] {0, 1},
        deltas.delta("s", 2_500, 5_000, new double[] {0, 1}).orElseThrow().values());
  }

  @Test
  void forgetsTheLeastRecentlyUsedSeriesBeyondItsBound() {
    CumulativeToDelta deltas = new CumulativeToDelta(1, PROCESS_START);
    deltas.delta("a", 500, 3_000, new double[] {1});
    deltas.delta("b", 500, 3_000, new double[] {1});
    assertTrue(
        deltas.delta("a", 500, 4_000, new double[] {2}).isEmpty(),
        "a was forgotten, so it is a baseline again");
  }
}
