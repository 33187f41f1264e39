package dev.appmetrics.ingest.otlp;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import java.util.Optional;

/**
 * Why a histogram point cannot become events: its layout and counts are the sender's numbers. More bucket counts
 * than bounds allow have no bounds to read; counts are unsigned 64-bit, so above 2^63 - 1 they read negative in Java
 * and would be dropped unnoticed; beyond OTLP's scales the bucket bounds of an exponential histogram are not finite.
 */
final class HistogramChecks {

  private static final int MIN_SCALE = -10;
  private static final int MAX_SCALE = 20;

  private HistogramChecks() {}

  static Optional<String> problem(Metric metric, HistogramDataPoint point) {
    int bounds = point.getExplicitBoundsCount();
    if (point.getBucketCountsCount() > bounds + 1) {
      return Optional.of(
          "histogram '"
              + metric.getName()
              + "' has "
              + point.getBucketCountsCount()
              + " bucket counts for "
              + bounds
              + " explicit bounds, at most one more count than bounds");
    }
    return countProblem(metric, point.getCount(), point.getBucketCountsList(), List.of());
  }

  static Optional<String> problem(Metric metric, ExponentialHistogramDataPoint point) {
    if (point.getScale() < MIN_SCALE || point.getScale() > MAX_SCALE) {
      return Optional.of(
          "exponential histogram '"
              + metric.getName()
              + "' has scale "
              + point.getScale()
              + ", OTLP allows "
              + MIN_SCALE
              + " to "
              + MAX_SCALE);
    }
    return countProblem(
        metric,
        point.getZeroCount(),
        point.getNegative().getBucketCountsList(),
        point.getPositive().getBucketCountsList());
  }

  private static Optional<String> countProblem(
      Metric metric, long count, List<Long> buckets, List<Long> more) {
    return count < 0 || buckets.stream().anyMatch(c -> c < 0) || more.stream().anyMatch(c -> c < 0)
        ? Optional.of("histogram '" + metric.getName() + "' has a count above " + Long.MAX_VALUE)
        : Optional.empty();
  }
}
