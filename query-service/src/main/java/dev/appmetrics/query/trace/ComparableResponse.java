package dev.appmetrics.query.trace;

import java.util.List;
import java.util.Map;

/** Traces that are not the sample's own but share its attributes; every one is labelled "comparable". */
public record ComparableResponse(
    String label, Map<String, String> match, List<ComparableTrace> traces) {

  public static final String LABEL = "comparable";

  public record ComparableTrace(
      String label,
      String traceId,
      String rootSpanId,
      String transaction,
      String op,
      String release,
      String environment,
      String status,
      String start,
      double durationMs,
      long distanceMs) {}
}
