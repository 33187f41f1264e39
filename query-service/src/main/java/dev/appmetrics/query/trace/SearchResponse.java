package dev.appmetrics.query.trace;

import java.util.List;

/**
 * Matching traces in the order asked for, each with what a list of traces shows: its whole extent, its root
 * segment (transaction, op, duration, release, environment), its span and error counts and the metric events it
 * carries. {@code truncated}: more traces matched than the limit; the answer holds the first ones of the order.
 */
public record SearchResponse(List<FoundTrace> traces, boolean truncated) {

  public record FoundTrace(
      String traceId,
      String start,
      String end,
      long durationMs,
      String transaction,
      String op,
      Double rootDurationMs,
      String release,
      String environment,
      long spanCount,
      long errorCount,
      List<TraceMetric> metrics) {}

  /** One metric's events in the trace: how many, and the sum of their values. */
  public record TraceMetric(String metric, long count, double sum, String unit) {}
}
