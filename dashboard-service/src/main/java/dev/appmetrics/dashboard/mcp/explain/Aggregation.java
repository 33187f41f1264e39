package dev.appmetrics.dashboard.mcp.explain;

import java.util.List;

/**
 * How an aggregate's per-bucket values combine into the value of a whole window, which is how query-service would
 * answer the window as one bucket (for percentiles an event-weighted mean of the buckets' percentiles instead).
 */
record Aggregation(String aggregate, Combination combination) {

  enum Combination {
    ADDITIVE,
    WEIGHTED,
    EXTREME,
    LAST
  }

  static Aggregation of(String aggregate) {
    return new Aggregation(
        aggregate,
        switch (aggregate) {
          case "sum", "count", "per_second", "per_minute" -> Combination.ADDITIVE;
          case "min", "max" -> Combination.EXTREME;
          case "last" -> Combination.LAST;
          default -> Combination.WEIGHTED;
        });
  }

  /**
   * The window's value from its buckets ({@code null}: no value) and their events per second; rates average over
   * every bucket (empty ones read 0), so they stay per second of the whole window.
   */
  Double combine(List<Double> values, List<Double> eventsPerSecond) {
    double sum = 0;
    double weights = 0;
    Double result = null;
    int buckets = 0;
    for (int i = 0; i < values.size(); i++) {
      Double value = values.get(i);
      buckets++;
      if (value == null) {
        continue;
      }
      switch (combination) {
        case ADDITIVE -> sum += value;
        case WEIGHTED -> {
          double weight = eventsPerSecond.get(i) == null ? 0 : eventsPerSecond.get(i);
          sum += value * weight;
          weights += weight;
        }
        case EXTREME ->
            result =
                result == null
                    ? value
                    : "min".equals(aggregate) ? Math.min(result, value) : Math.max(result, value);
        case LAST -> result = value;
      }
    }
    return switch (combination) {
      case ADDITIVE -> aggregate.startsWith("per_") ? (buckets == 0 ? null : sum / buckets) : sum;
      case WEIGHTED -> weights == 0 ? null : sum / weights;
      case EXTREME, LAST -> result;
    };
  }
}
