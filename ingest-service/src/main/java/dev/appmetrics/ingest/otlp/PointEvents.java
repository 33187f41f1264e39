package dev.appmetrics.ingest.otlp;

import com.google.protobuf.ByteString;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.IncomingMetric;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Metric;

/**
 * The event every OTLP metric point ends as, whatever its type: the metric's name and unit, the point's time in
 * milliseconds (none when the sender gave 0), and the trace and span ids of the exemplar it carries, if any.
 */
final class PointEvents {

  private PointEvents() {}

  static IncomingMetric event(
      Metric metric,
      MetricKind kind,
      double value,
      long timeNanos,
      Exemplar exemplar,
      Double sampleRate,
      Attributes attributes) {
    return new IncomingMetric(
        metric.getName(),
        kind.wireName(),
        value,
        metric.getUnit(),
        timeNanos == 0 ? null : OtlpAttributes.millis(timeNanos),
        OtlpAttributes.hex(exemplar == null ? ByteString.EMPTY : exemplar.getTraceId()),
        OtlpAttributes.hex(exemplar == null ? ByteString.EMPTY : exemplar.getSpanId()),
        sampleRate,
        attributes);
  }
}
