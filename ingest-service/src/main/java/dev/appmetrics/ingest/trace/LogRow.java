package dev.appmetrics.ingest.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.appmetrics.ingest.event.Attributes;

/** One log record; {@code spanId} is empty when the log was written outside a span. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LogRow(
    long organizationId,
    long projectId,
    String traceId,
    String spanId,
    long timestampMs,
    String level,
    String body,
    String release,
    String environment,
    @JsonIgnore Attributes attributes,
    @JsonIgnore long receivedAtMs)
    implements TraceRow {

  @Override
  public TraceTable table() {
    return TraceTable.LOGS;
  }

  @Override
  public long timeMs() {
    return timestampMs;
  }

  @JsonUnwrapped
  public AttributeColumns attributeColumns() {
    return AttributeColumns.of(attributes);
  }
}
