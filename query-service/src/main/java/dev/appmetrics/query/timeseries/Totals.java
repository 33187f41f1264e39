package dev.appmetrics.query.timeseries;

import dev.appmetrics.query.timeseries.TimeseriesResponse.Series;
import dev.appmetrics.query.timeseries.TimeseriesResponse.Total;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each series' value over the whole range, for big numbers: the request runs a second time as one bucket as long as
 * the range ({@link TimeseriesPlan#whole}), so every aggregate is computed over all the range's events (a p95 of the
 * events, not an average of bucket p95s) and equations are evaluated on the totals of their operands.
 */
final class Totals {

  private Totals() {}

  private record Key(String label, Map<String, String> group, boolean other) {

    static Key of(Series s) {
      return new Key(s.label(), s.group(), s.other());
    }
  }

  /** The series of {@code bucketed}, each with its total out of the one-bucket answer {@code whole}. */
  static TimeseriesResponse attach(TimeseriesResponse bucketed, TimeseriesResponse whole) {
    Map<Key, Series> totals = new HashMap<>();
    whole.series().forEach(s -> totals.put(Key.of(s), s));
    List<Series> series =
        bucketed.series().stream()
            .map(
                s -> {
                  Series total = totals.get(Key.of(s));
                  // Both answers hold the same groups; a group the one-bucket answer lacks would
                  // have no events in the range.
                  Double value = total == null ? null : total.values().get(0);
                  Double previous =
                      total == null || total.previous() == null ? null : total.previous().get(0);
                  return s.withTotal(
                      new Total(value, previous, total == null ? 0 : total.storedEvents().get(0)));
                })
            .toList();
    return new TimeseriesResponse(
        bucketed.start(),
        bucketed.end(),
        bucketed.intervalSeconds(),
        bucketed.timestamps(),
        bucketed.sampling(),
        series);
  }
}
