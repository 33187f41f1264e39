package dev.appmetrics.ingest.otlp;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A histogram bucket (lower, upper] with its count; the zero bucket of an exponential histogram is [0, 0]. The
 * factories lay out a point's buckets from its explicit bounds or from its exponential scale.
 */
record Bucket(double lower, double upper, long count) {

  boolean contains(double value) {
    return lower == upper ? value == lower : value > lower && value <= upper;
  }

  /** The bucket's midpoint; an open end is closed by the point's min or max, or else by the other bound. */
  double representative(Double min, Double max) {
    double low = Double.isInfinite(lower) ? (min != null ? min : upper) : lower;
    double high = Double.isInfinite(upper) ? (max != null ? max : low) : upper;
    double middle = (low + high) / 2;
    if (min != null) {
      middle = Math.max(middle, min);
    }
    if (max != null) {
      middle = Math.min(middle, max);
    }
    return middle;
  }

  /** One bucket per count between the explicit bounds; without counts, one at the mean holding them all. */
  static List<Bucket> explicit(HistogramDataPoint point) {
    List<Bucket> buckets = new ArrayList<>();
    List<Double> bounds = point.getExplicitBoundsList();
    for (int i = 0; i < point.getBucketCountsCount(); i++) {
      double lower = i == 0 ? Double.NEGATIVE_INFINITY : bounds.get(i - 1);
      double upper = i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY;
      buckets.add(new Bucket(lower, upper, point.getBucketCounts(i)));
    }
    if (buckets.isEmpty() && point.getCount() > 0) {
      double mean = point.getSum() / point.getCount();
      buckets.add(new Bucket(mean, mean, point.getCount()));
    }
    return buckets;
  }

  /** The negative buckets, the zero bucket, then the positive ones, bounded by powers of the scale's base. */
  static List<Bucket> exponential(ExponentialHistogramDataPoint point) {
    double base = Math.pow(2, Math.pow(2, -point.getScale()));
    List<Bucket> buckets = new ArrayList<>();
    var negative = point.getNegative();
    for (int i = 0; i < negative.getBucketCountsCount(); i++) {
      long index = (long) negative.getOffset() + i;
      buckets.add(
          new Bucket(
              -Math.pow(base, index + 1), -Math.pow(base, index), negative.getBucketCounts(i)));
    }
    buckets.add(new Bucket(0, 0, point.getZeroCount()));
    var positive = point.getPositive();
    for (int i = 0; i < positive.getBucketCountsCount(); i++) {
      long index = (long) positive.getOffset() + i;
      buckets.add(
          new Bucket(
              Math.pow(base, index), Math.pow(base, index + 1), positive.getBucketCounts(i)));
    }
    return buckets;
  }
}
