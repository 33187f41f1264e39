package dev.appmetrics.query.samples;

import java.util.List;
import java.util.Map;

/** One page of individual events; {@code nextCursor} is null on the last page. */
public record SamplesResponse(List<Sample> samples, String nextCursor) {

  /** {@code attributes} holds strings, integers, doubles and booleans as their JSON types. */
  public record Sample(
      String timestamp,
      long projectId,
      String metric,
      String kind,
      double value,
      String unit,
      String traceId,
      String spanId,
      double clientSampleRate,
      Map<String, Object> attributes) {}
}
