package dev.appmetrics.monitor.detection;

import java.util.ArrayList;
import java.util.List;

/** Picks the buckets of one time window out of an aligned series and reduces them to one value. */
public final class SeriesWindow {

  private SeriesWindow() {}

  /** The reduced value of the buckets starting in [fromMs, toMs), or null when they are all empty. */
  public static Double value(
      List<Long> timestamps, List<Double> values, long fromMs, long toMs, Reduce reduce) {
    List<Double> inside = new ArrayList<>();
    for (int i = 0; i < timestamps.size() && i < values.size(); i++) {
      long at = timestamps.get(i);
      if (at >= fromMs && at < toMs) {
        inside.add(values.get(i));
      }
    }
    return reduce.apply(inside);
  }
}
