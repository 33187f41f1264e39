package dev.appmetrics.query.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.query.sql.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueBucketsTests {

  @Test
  void latenciesFromTenToAThousandTakeTenEdgesADecade() {
    assertEquals(
        List.of(
            10.0, 12.5, 16.0, 20.0, 25.0, 32.0, 40.0, 50.0, 63.0, 80.0, 100.0, 125.0, 160.0, 200.0,
            250.0, 320.0, 400.0, 500.0, 630.0, 800.0, 1000.0, 1250.0),
        ValueBuckets.edges(10, 1000, 40));
  }

  @Test
  void fewerBucketsTakeACoarserSeries() {
    assertEquals(
        List.of(10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0),
        ValueBuckets.edges(10, 1000, 9));
    assertEquals(List.of(10.0, 100.0, 1000.0, 10000.0), ValueBuckets.edges(10, 1000, 3));
    assertEquals(List.of(1.0, 100.0, 10000.0), ValueBuckets.edges(10, 1000, 2));
  }

  @Test
  void oneValueIsOneBucketAroundIt() {
    assertEquals(List.of(0.25, 0.32), ValueBuckets.edges(0.3, 0.3, 40));
  }

  @ParameterizedTest(name = "{0} .. {1} in {2}")
  @CsvSource({
    "1e-300, 1e300, 100",
    "4.9e-324, 1.7e308, 100",
    "1e-300, 1e300, 200",
    "0.001, 7e9, 40",
    "3, 3.1, 1",
    "123.456, 98765.4, 17",
    "1.5e-300, 1e-299, 100"
  })
  void edgesCoverTheValuesInAtMostTheBucketsAndAreWritable(double min, double max, int buckets) {
    List<Double> edges = ValueBuckets.edges(min, max, buckets);
    assertTrue(edges.size() >= 2 && edges.size() - 1 <= buckets, edges.toString());
    assertTrue(edges.get(0) <= Math.max(min, 1e-300), edges.toString());
    assertTrue(edges.get(edges.size() - 1) > Math.min(max, 1e300), edges.toString());
    for (int i = 1; i < edges.size(); i++) {
      assertTrue(edges.get(i) > edges.get(i - 1), edges.toString());
    }
    edges.forEach(edge -> assertTrue(Sql.writable(edge), edge + " in " + edges));
  }
}
