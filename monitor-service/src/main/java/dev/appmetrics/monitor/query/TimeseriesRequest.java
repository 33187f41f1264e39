package dev.appmetrics.monitor.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** POST /api/v1/query/timeseries of query-service, with an absolute range (monitors never ask relative to "now"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeseriesRequest(List<Long> projects, String start, String end, String interval, List<Query> queries,
    List<Equation> equations) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Query(String label, String metric, String aggregate, String filter, List<String> groupBy) {}

  public record Equation(String label, String expression) {}
}
