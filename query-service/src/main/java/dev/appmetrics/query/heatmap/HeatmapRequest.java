package dev.appmetrics.query.heatmap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /api/v1/query/heatmap}: a time range and interval as for timeseries, one distribution's
 * query (filter, groupBy, limit and order read as a timeseries query's) and at most {@code valueBuckets} value
 * buckets (default 40, at most 100); {@code sampling} chooses the tier as a timeseries request's does.
 */
public record HeatmapRequest(
    List<Long> projects,
    String start,
    String end,
    String period,
    String interval,
    Query query,
    Integer valueBuckets,
    String sampling) {

  /** {@code filter} is search syntax (a string) or the structured JSON form (an object). */
  public record Query(
      String metric, JsonNode filter, List<String> groupBy, Integer limit, String order) {}
}
