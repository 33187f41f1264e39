package dev.appmetrics.ingest.otlp;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.IncomingMetric;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.List;
import java.util.Map;

/**
 * OTLP sums and gauges (their number data points) as events. Sums become counters (deltas; cumulative monotonic sums
 * are converted per series; a non-monotonic cumulative sum is a level, hence a gauge), gauges stay gauges; a point's
 * first exemplar gives the event its trace and span ids.
 */
final class NumberPoints {

  private final CumulativeToDelta cumulative;

  NumberPoints(CumulativeToDelta cumulative) {
    this.cumulative = cumulative;
  }

  void sum(
      long projectId, Metric metric, Map<String, AnyValue> resource, List<IncomingMetric> out) {
    boolean cumulativeSum =
        metric.getSum().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
      if (!cumulativeSum) {
        out.add(number(metric, MetricKind.COUNTER, value(point), point, resource));
      } else if (!metric.getSum().getIsMonotonic()) {
        out.add(number(metric, MetricKind.GAUGE, value(point), point, resource));
      } else {
        String series =
            CumulativeToDelta.seriesKey(
                projectId, metric.getName(), resource, point.getAttributesList(), "");
        cumulative
            .delta(
                series,
                point.getStartTimeUnixNano(),
                point.getTimeUnixNano(),
                new double[] {value(point)})
            // An idle counter repeats its total in every export: no increase, no event.
            .filter(delta -> delta.values()[0] != 0)
            .ifPresent(
                delta ->
                    out.add(
                        number(metric, MetricKind.COUNTER, delta.values()[0], point, resource)));
      }
    }
  }

  static void gauge(Metric metric, Map<String, AnyValue> resource, List<IncomingMetric> out) {
    for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
      out.add(number(metric, MetricKind.GAUGE, value(point), point, resource));
    }
  }

  private static IncomingMetric number(
      Metric metric,
      MetricKind kind,
      double value,
      NumberDataPoint point,
      Map<String, AnyValue> resource) {
    Exemplar exemplar = point.getExemplarsCount() > 0 ? point.getExemplars(0) : null;
    return PointEvents.event(
        metric,
        kind,
        value,
        point.getTimeUnixNano(),
        exemplar,
        null,
        OtlpAttributes.attributes(OtlpAttributes.merged(resource, point.getAttributesList())));
  }

  private static double value(NumberDataPoint point) {
    return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
        ? point.getAsInt()
        : point.getAsDouble();
  }
}
