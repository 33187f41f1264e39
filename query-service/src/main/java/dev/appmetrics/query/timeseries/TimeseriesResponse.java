package dev.appmetrics.query.timeseries;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.appmetrics.query.sampling.Sampling;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/v1/query/timeseries}: bucket starts, the tier that served it ({@code sampling}) and
 * one series per query/equation and group.
 */
public record TimeseriesResponse(
    String start,
    String end,
    long intervalSeconds,
    List<Long> timestamps,
    Sampling sampling,
    List<Series> series) {

  /**
   * One line of a chart. {@code values} has one entry per timestamp (null: no value for that bucket) and
   * {@code storedEvents} the rows read behind each; on a downsampled tier {@code lowConfidence} flags the buckets
   * resting on too few of them and {@code fromSample} says min, max and last are values of the sample;
   * {@code previous} only with {@code compare}.
   */
  public record Series(
      String label,
      String type,
      @JsonInclude(JsonInclude.Include.NON_NULL) String metric,
      @JsonInclude(JsonInclude.Include.NON_NULL) String aggregate,
      @JsonInclude(JsonInclude.Include.NON_NULL) String expression,
      String unit,
      Map<String, String> group,
      boolean other,
      List<Double> values,
      List<Long> storedEvents,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Boolean> lowConfidence,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean fromSample,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> previous,
      @JsonInclude(JsonInclude.Include.NON_NULL) Total total) {

    Series withTotal(Total total) {
      return new Series(
          label,
          type,
          metric,
          aggregate,
          expression,
          unit,
          group,
          other,
          values,
          storedEvents,
          lowConfidence,
          fromSample,
          previous,
          total);
    }
  }

  /**
   * With {@code totals}: the aggregate over the whole range, computed as one bucket (a percentile of all the events,
   * not of the buckets; an equation of the totals), the stored events behind it, and with {@code compare} over the
   * previous period.
   */
  public record Total(
      Double value,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double previous,
      long storedEvents) {}
}
