package dev.appmetrics.monitor.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * POST /api/v1/query/timeseries of query-service, with an absolute range (monitors never ask relative to "now"), read
 * from the exact table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeseriesRequest(
    List<Long> projects,
    String start,
    String end,
    String interval,
    List<Query> queries,
    List<Equation> equations) {

  /**
   * Monitors judge the values they alert on, never a downsampled tier's estimate of them (docs/query.md, Downsampled
   * tiers): their windows are short, so the exact table is cheap to read.
   */
  @JsonProperty("sampling")
  public String sampling() {
    return "exact";
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Query(
      String label, String metric, String aggregate, String filter, List<String> groupBy) {}

  public record Equation(String label, String expression) {}
}
