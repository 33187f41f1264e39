package dev.appmetrics.monitor.query;

import java.util.List;

/** query-service's page of events, as far as monitors read it. */
public record SamplesResponse(List<Sample> samples) {

  public record Sample(
      String timestamp, long projectId, double value, String unit, String traceId, String spanId) {}
}
