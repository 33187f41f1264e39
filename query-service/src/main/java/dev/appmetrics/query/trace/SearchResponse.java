package dev.appmetrics.query.trace;

import java.util.List;

/** Matching traces, most recent first, with the time span of the events that matched. */
public record SearchResponse(List<FoundTrace> traces, boolean truncated) {

  public record FoundTrace(String traceId, String start, String end) {}
}
