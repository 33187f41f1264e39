package dev.appmetrics.ingest.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.appmetrics.ingest.event.Attributes;
import java.util.List;

/**
 * One error event: its primary exception and that exception's stack frames, innermost last (as Sentry sends them),
 * stored as parallel arrays.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorRow(
    long organizationId,
    long projectId,
    String eventId,
    String traceId,
    String spanId,
    long timestampMs,
    String level,
    String exceptionType,
    String exceptionValue,
    @JsonIgnore List<Frame> frames,
    String release,
    String environment,
    String transaction,
    @JsonIgnore long receivedAtMs)
    implements TraceRow {

  /** One stack frame; {@code line} is 0 when unknown. */
  public record Frame(String filename, String function, long line, boolean inApp) {}

  @Override
  public TraceTable table() {
    return TraceTable.ERRORS;
  }

  @Override
  public long timeMs() {
    return timestampMs;
  }

  @Override
  public Attributes attributes() {
    return Attributes.EMPTY;
  }

  @JsonProperty("frame_filenames")
  public List<String> frameFilenames() {
    return frames.stream().map(Frame::filename).toList();
  }

  @JsonProperty("frame_functions")
  public List<String> frameFunctions() {
    return frames.stream().map(Frame::function).toList();
  }

  @JsonProperty("frame_lines")
  public List<Long> frameLines() {
    return frames.stream().map(Frame::line).toList();
  }

  @JsonProperty("frame_in_app")
  public List<Integer> frameInApp() {
    return frames.stream().map(frame -> frame.inApp() ? 1 : 0).toList();
  }
}
