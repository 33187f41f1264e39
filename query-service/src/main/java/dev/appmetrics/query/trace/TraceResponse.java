package dev.appmetrics.query.trace;

import java.util.List;
import java.util.Map;

/**
 * Everything stored about one trace. Spans come as a tree flattened in depth-first order (children by start time),
 * each with its depth and parent, which is the order a waterfall draws them in and keeps the JSON flat however
 * deep the trace is. Offsets are milliseconds from the trace's first span.
 */
public record TraceResponse(
    String traceId,
    long projectId,
    String start,
    String end,
    double durationMs,
    List<Span> spans,
    List<Log> logs,
    List<TraceError> errors,
    List<MetricSample> metrics,
    boolean truncated) {

  public record Span(
      String spanId,
      String parentSpanId,
      int depth,
      boolean segment,
      String op,
      String description,
      String status,
      String transaction,
      String release,
      String environment,
      String start,
      double offsetMs,
      double durationMs,
      Map<String, Object> attributes) {}

  public record Log(
      String timestamp, String spanId, String level, String body, Map<String, Object> attributes) {}

  public record TraceError(
      String eventId,
      String timestamp,
      String spanId,
      String level,
      String type,
      String value,
      List<Frame> frames,
      String release,
      String environment,
      String transaction) {}

  /** A stack frame; the innermost frame is last, as Sentry sends them. */
  public record Frame(String filename, String function, long lineno, boolean inApp) {}

  public record MetricSample(
      String timestamp,
      String spanId,
      String metric,
      String kind,
      double value,
      String unit,
      double clientSampleRate,
      Map<String, Object> attributes) {}
}
