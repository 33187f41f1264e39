package dev.appmetrics.ingest.trace;

import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.event.EventRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One verdict per span, log and error: a bad item is reported with its kind, index and reason and never fails its
 * neighbours. Short fields (op, status, names, release, level, frame parts) are bounded like attribute values;
 * descriptions, bodies and exception values may be as long as {@code max-text-length}.
 */
@ApplicationScoped
public class TraceValidator {

  /** Line numbers are stored as UInt32. */
  private static final long MAX_LINE = 0xFFFF_FFFFL;

  private final IngestConfig.Limits limits;
  private final Clock clock;

  @Inject
  public TraceValidator(IngestConfig config) {
    this(config.limits(), Clock.systemUTC());
  }

  TraceValidator(IngestConfig.Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The rows to publish and the items left out. */
  public record Validated(List<TraceRow> rows, List<TraceRejection> rejections) {}

  public Validated validate(List<TraceItem> items) {
    long now = clock.millis();
    List<TraceRow> rows = new ArrayList<>(items.size());
    List<TraceRejection> rejections = new ArrayList<>();
    Map<TraceTable, Integer> indexes = new EnumMap<>(TraceTable.class);
    for (TraceItem item : items) {
      int index = indexes.merge(item.table(), 1, Integer::sum) - 1;
      Optional<String> problem =
          item.unreadable() != null ? Optional.of(item.unreadable()) : problem(item.row(), now);
      if (problem.isPresent()) {
        rejections.add(new TraceRejection(item.table().itemName(), index, problem.get()));
      } else {
        rows.add(item.row());
      }
    }
    return new Validated(rows, rejections);
  }

  private Optional<String> problem(TraceRow row, long now) {
    return EventRules.traceIdProblem(row.traceId())
        .or(() -> EventRules.timestampProblem(row.timeMs(), now, limits))
        .or(() -> EventRules.attributeProblem(row.attributes(), limits, limits.maxTextLength()))
        .or(() -> kindProblem(row, now));
  }

  private Optional<String> kindProblem(TraceRow row, long now) {
    if (row instanceof SpanRow span) {
      return spanProblem(span, now);
    }
    return row instanceof LogRow log ? logProblem(log) : errorProblem((ErrorRow) row);
  }

  private Optional<String> spanProblem(SpanRow span, long now) {
    if (span.spanId() == null || span.spanId().isEmpty()) {
      return Optional.of("span_id is missing");
    }
    if (span.endTimestampMs() < span.startTimestampMs()) {
      return Optional.of("the span ends before it starts");
    }
    return EventRules.timestampProblem("end timestamp", span.endTimestampMs(), now, limits)
        .or(() -> EventRules.spanIdProblem("span_id", span.spanId()))
        .or(() -> EventRules.spanIdProblem("parent_span_id", span.parentSpanId()))
        .or(() -> EventRules.spanIdProblem("segment_id", span.segmentId()))
        .or(() -> longText("description", span.description()))
        .or(() -> longField("op", span.op()))
        .or(() -> longField("status", span.status()))
        .or(() -> longField("transaction", span.transaction()))
        .or(() -> longField("release", span.release()))
        .or(() -> longField("environment", span.environment()));
  }

  private Optional<String> logProblem(LogRow log) {
    return EventRules.spanIdProblem("span_id", log.spanId())
        .or(() -> longText("body", log.body()))
        .or(() -> longField("level", log.level()))
        .or(() -> longField("release", log.release()))
        .or(() -> longField("environment", log.environment()));
  }

  private Optional<String> errorProblem(ErrorRow error) {
    if (error.eventId() == null || !EventRules.isHex(error.eventId(), 32)) {
      return Optional.of("event_id must be 32 hexadecimal characters");
    }
    if (error.frames().size() > limits.maxStackFrames()) {
      return Optional.of(
          "the exception has "
              + error.frames().size()
              + " stack frames, at most "
              + limits.maxStackFrames()
              + " are allowed");
    }
    return EventRules.spanIdProblem("span_id", error.spanId())
        .or(() -> longText("exception value", error.exceptionValue()))
        .or(() -> longField("exception type", error.exceptionType()))
        .or(() -> longField("level", error.level()))
        .or(() -> longField("release", error.release()))
        .or(() -> longField("environment", error.environment()))
        .or(() -> longField("transaction", error.transaction()))
        .or(
            () ->
                error.frames().stream()
                    .flatMap(
                        frame ->
                            longField("a frame's filename", frame.filename())
                                .or(() -> longField("a frame's function", frame.function()))
                                .or(
                                    () ->
                                        frame.line() > MAX_LINE
                                            ? Optional.of(
                                                "a frame's lineno is larger than " + MAX_LINE)
                                            : Optional.empty())
                                .stream())
                    .findFirst());
  }

  private Optional<String> longText(String field, String value) {
    return tooLong(field, value, limits.maxTextLength());
  }

  private Optional<String> longField(String field, String value) {
    return tooLong(field, value, limits.maxAttributeValueLength());
  }

  private static Optional<String> tooLong(String field, String value, int max) {
    return value != null && value.length() > max
        ? Optional.of(field + " is longer than " + max + " characters")
        : Optional.empty();
  }
}
