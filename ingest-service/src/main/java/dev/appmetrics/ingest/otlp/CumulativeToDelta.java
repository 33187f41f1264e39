package dev.appmetrics.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns cumulative points (a sum's value, a histogram's bucket counts) into the deltas since the previous point of
 * the same series (project, name, attributes, bucket layout). A series first seen after it started here is counted
 * whole; one that began before this process knew it (ingest restarted) only sets the baseline, since an earlier
 * process may already have counted that part. A new start time or a smaller value is a reset: the values are the
 * delta. Series are forgotten least-recently-used first beyond a bound.
 */
final class CumulativeToDelta {

  /** The increase of each value, and the time of the previous point (0 when counted from the series' start). */
  record Delta(double[] values, long previousTimeNanos) {}

  private record Last(long startNanos, long timeNanos, double[] values) {}

  private final Map<String, Last> series;
  private final long processStartNanos;

  CumulativeToDelta(int maxSeries, long processStartNanos) {
    this.processStartNanos = processStartNanos;
    this.series =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
            return size() > maxSeries;
          }
        };
  }

  /** The key of a point's series: its project, metric name, merged attributes and bucket layout. */
  static String seriesKey(
      long projectId,
      String metricName,
      Map<String, AnyValue> resource,
      List<KeyValue> point,
      String layout) {
    return projectId
        + "\u0000"
        + metricName
        + "\u0000"
        + new TreeMap<>(OtlpAttributes.merged(resource, point))
        + "\u0000"
        + layout;
  }

  /** The delta for this point, or empty when it only establishes the baseline. */
  synchronized Optional<Delta> delta(
      String seriesKey, long startNanos, long timeNanos, double[] values) {
    Last last = series.put(seriesKey, new Last(startNanos, timeNanos, values.clone()));
    if (last == null) {
      return startNanos >= processStartNanos ? Optional.of(new Delta(values, 0)) : Optional.empty();
    }
    if (last.startNanos() != startNanos || last.values().length != values.length) {
      return Optional.of(new Delta(values, 0));
    }
    double[] delta = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < last.values()[i]) {
        return Optional.of(new Delta(values, 0));
      }
      delta[i] = values[i] - last.values()[i];
    }
    return Optional.of(new Delta(delta, last.timeNanos()));
  }
}
