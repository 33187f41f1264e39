package dev.appmetrics.monitor.query;

import java.util.List;
import java.util.Map;

/** The answer of query-service: bucket starts in epoch milliseconds and one value list per series. */
public record TimeseriesResponse(
    String start, String end, long intervalSeconds, List<Long> timestamps, List<Series> series) {

  public record Series(
      String label,
      String type,
      String metric,
      String aggregate,
      String unit,
      Map<String, Object> group,
      boolean other,
      List<Double> values) {}
}
