package dev.appmetrics.monitor.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReduceTests {

  private final List<Double> buckets = Arrays.asList(4.0, null, 1.0, 7.0, null);

  @Test
  void skipsEmptyBuckets() {
    assertEquals(4.0, Reduce.AVG.apply(buckets));
    assertEquals(1.0, Reduce.MIN.apply(buckets));
    assertEquals(7.0, Reduce.MAX.apply(buckets));
    assertEquals(12.0, Reduce.SUM.apply(buckets));
  }

  @Test
  void lastIsTheLastBucketWithData() {
    assertEquals(7.0, Reduce.LAST.apply(buckets));
  }

  @Test
  void onlyEmptyBucketsReduceToNull() {
    assertNull(Reduce.AVG.apply(Arrays.asList(null, null)));
    assertNull(Reduce.SUM.apply(List.of()));
  }

  @Test
  void seriesWindowTakesBucketsStartingInsideTheHalfOpenRange() {
    List<Long> timestamps = List.of(0L, 60_000L, 120_000L, 180_000L);
    List<Double> values = List.of(1.0, 2.0, 3.0, 4.0);
    assertEquals(5.0, SeriesWindow.value(timestamps, values, 60_000, 180_000, Reduce.SUM));
  }
}
