package dev.appmetrics.ingest.otlp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns cumulative sums into the deltas a counter needs, per series (project, name, attributes). A series first seen
 * after it started here is counted whole; one that began before this process knew it (ingest restarted) only sets
 * the baseline, since an earlier process may already have counted that part. A new start time or a smaller value is
 * a reset: the value is the delta. Series are forgotten least-recently-used first beyond a bound.
 */
final class CumulativeToDelta {

  private record Last(long startNanos, double value) {}

  private final Map<String, Last> series;
  private final long processStartNanos;

  CumulativeToDelta(int maxSeries, long processStartNanos) {
    this.processStartNanos = processStartNanos;
    this.series = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
        return size() > maxSeries;
      }
    };
  }

  /** The delta to count for this point, or empty when it only establishes the baseline. */
  synchronized OptionalDouble delta(String seriesKey, long startNanos, double value) {
    Last last = series.put(seriesKey, new Last(startNanos, value));
    if (last == null) {
      return startNanos >= processStartNanos ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
    if (last.startNanos() != startNanos || value < last.value()) {
      return OptionalDouble.of(value);
    }
    return OptionalDouble.of(value - last.value());
  }
}
