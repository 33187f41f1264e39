package dev.appmetrics.query.trace;

import dev.appmetrics.query.trace.TraceResponse.Log;
import dev.appmetrics.query.trace.TraceResponse.MetricSample;
import dev.appmetrics.query.trace.TraceResponse.Span;
import dev.appmetrics.query.trace.TraceResponse.TraceError;
import dev.appmetrics.query.trace.TraceSql.Stamped;
import dev.appmetrics.query.trace.TraceSql.StoredSpan;
import java.time.Instant;
import java.util.List;

/**
 * Assembles the stored rows of one trace into its answer: the spans as a waterfall (depth-first, offsets from the
 * first span), each kind of event cut at its limit. Each statement asks for one row more than its limit, so a cut
 * is known and the answer says {@code truncated}.
 */
record TraceAssembly(
    String traceId,
    long project,
    List<StoredSpan> spans,
    List<Stamped<Log>> logs,
    List<Stamped<TraceError>> errors) {

  static final int MAX_SPANS = 10_000;
  static final int MAX_LOGS = 1_000;
  static final int MAX_ERRORS = 100;
  static final int MAX_METRICS = 1_000;

  TraceResponse withMetrics(List<MetricSample> metricRows) {
    boolean truncated =
        spans.size() > MAX_SPANS
            || logs.size() > MAX_LOGS
            || errors.size() > MAX_ERRORS
            || metricRows.size() > MAX_METRICS;
    List<StoredSpan> kept = spans.subList(0, Math.min(MAX_SPANS, spans.size()));
    long start = Long.MAX_VALUE;
    double end = Long.MIN_VALUE;
    for (StoredSpan span : kept) {
      start = Math.min(start, span.startMillis());
      end = Math.max(end, span.startMillis() + span.durationMs());
    }
    long origin = start;
    List<Span> tree =
        SpanTree.depthFirst(kept, StoredSpan::spanId, StoredSpan::parentSpanId).stream()
            .map(
                node -> {
                  StoredSpan span = node.row();
                  return new Span(
                      span.spanId(),
                      span.parentSpanId(),
                      node.depth(),
                      span.segment(),
                      span.op(),
                      span.description(),
                      span.status(),
                      span.transaction(),
                      span.release(),
                      span.environment(),
                      TraceSql.iso(span.startMillis()),
                      span.startMillis() - origin,
                      span.durationMs(),
                      span.attributes());
                })
            .toList();
    boolean hasSpans = !kept.isEmpty();
    return new TraceResponse(
        traceId,
        project,
        hasSpans ? TraceSql.iso(start) : null,
        hasSpans ? Instant.ofEpochMilli((long) Math.ceil(end)).toString() : null,
        hasSpans ? end - start : 0,
        tree,
        logs.stream().limit(MAX_LOGS).map(Stamped::event).toList(),
        errors.stream().limit(MAX_ERRORS).map(Stamped::event).toList(),
        metricRows.stream().limit(MAX_METRICS).toList(),
        truncated);
  }
}
