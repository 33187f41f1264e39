package dev.appmetrics.ingest.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.appmetrics.ingest.event.Attributes;

/**
 * One span. A Sentry transaction becomes its segment span ({@code segment}, its own id as segment id) plus one row
 * per child span, each carrying the segment's id and name ({@code transaction}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpanRow(
    long organizationId,
    long projectId,
    String traceId,
    String spanId,
    String parentSpanId,
    String segmentId,
    @JsonIgnore boolean segment,
    String op,
    String description,
    String status,
    String transaction,
    String release,
    String environment,
    long startTimestampMs,
    long endTimestampMs,
    double durationMs,
    @JsonIgnore Attributes attributes,
    @JsonIgnore long receivedAtMs)
    implements TraceRow {

  @Override
  public TraceTable table() {
    return TraceTable.SPANS;
  }

  @Override
  public long timeMs() {
    return startTimestampMs;
  }

  @JsonUnwrapped
  public AttributeColumns attributeColumns() {
    return AttributeColumns.of(attributes);
  }

  @JsonProperty("is_segment")
  public int isSegmentColumn() {
    return segment ? 1 : 0;
  }
}
