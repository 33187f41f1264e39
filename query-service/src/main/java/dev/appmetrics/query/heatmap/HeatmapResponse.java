package dev.appmetrics.query.heatmap;

import dev.appmetrics.query.sampling.Sampling;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/v1/query/heatmap}: time buckets ({@code timestamps}, in milliseconds), value buckets
 * ({@code edges}: bucket i holds the values in [edges[i], edges[i + 1])), the tier that served it as for timeseries,
 * and one heatmap per group.
 */
public record HeatmapResponse(
    String start,
    String end,
    long intervalSeconds,
    List<Long> timestamps,
    Sampling sampling,
    String unit,
    List<Double> edges,
    List<Series> series) {

  /**
   * One group's cells that hold events, and the events outside every value bucket (values of 0 or below, which a log
   * axis cannot show); counts weigh each event 1 / client_sample_rate.
   */
  public record Series(
      Map<String, String> group, boolean other, List<Cell> cells, double outside) {}

  /** The weighted count of events in time bucket {@code time} and value bucket {@code bucket}. */
  public record Cell(int time, int bucket, double count) {}
}
