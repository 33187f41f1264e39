package dev.appmetrics.ingest.otlp;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.IncomingMetric;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * OTLP histograms and exponential histograms (their increase since the previous point when cumulative) as
 * distribution events: one event per non-empty bucket at the bucket's midpoint weighing the bucket's count (through
 * client_sample_rate = 1 / count), plus one exact event per exemplar carrying its trace and span ids. Counts are
 * exact; percentiles are as precise as the buckets. A point {@link HistogramChecks} refuses is one unreadable item.
 */
final class HistogramPoints {

  private final CumulativeToDelta cumulative;

  HistogramPoints(CumulativeToDelta cumulative) {
    this.cumulative = cumulative;
  }

  void histogram(
      long projectId,
      Metric metric,
      HistogramDataPoint point,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    add(
        projectId,
        metric,
        HistogramChecks.problem(metric, point),
        metric.getHistogram().getAggregationTemporality(),
        () ->
            new Point(
                Bucket.explicit(point),
                point.hasMin() ? point.getMin() : null,
                point.hasMax() ? point.getMax() : null,
                point.getStartTimeUnixNano(),
                point.getTimeUnixNano(),
                point.getExemplarsList(),
                point.getAttributesList()),
        resource,
        out);
  }

  void exponential(
      long projectId,
      Metric metric,
      ExponentialHistogramDataPoint point,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    add(
        projectId,
        metric,
        HistogramChecks.problem(metric, point),
        metric.getExponentialHistogram().getAggregationTemporality(),
        () ->
            new Point(
                Bucket.exponential(point),
                point.hasMin() ? point.getMin() : null,
                point.hasMax() ? point.getMax() : null,
                point.getStartTimeUnixNano(),
                point.getTimeUnixNano(),
                point.getExemplarsList(),
                point.getAttributesList()),
        resource,
        out);
  }

  /**
   * What the two protobuf point types share (they have no common interface), read only once
   * {@link HistogramChecks} accepted the point, since building its buckets assumes a sound layout.
   */
  private record Point(
      List<Bucket> buckets,
      Double min,
      Double max,
      long startNanos,
      long timeNanos,
      List<Exemplar> exemplars,
      List<KeyValue> attributes) {}

  private void add(
      long projectId,
      Metric metric,
      Optional<String> problem,
      AggregationTemporality temporality,
      Supplier<Point> point,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    if (problem.isPresent()) {
      out.add(IncomingMetric.unreadable(problem.get()));
      return;
    }
    distribution(
        projectId,
        metric,
        temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
        point.get(),
        resource,
        out);
  }

  /**
   * A cumulative histogram repeats every observation since its start in each export: only the increase of each
   * bucket since the series' previous point, and only exemplars newer than that point, are new.
   */
  private void distribution(
      long projectId,
      Metric metric,
      boolean cumulativePoint,
      Point point,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    List<Bucket> buckets = point.buckets();
    Attributes attributes =
        OtlpAttributes.attributes(OtlpAttributes.merged(resource, point.attributes()));
    if (!cumulativePoint) {
      distribution(
          metric,
          buckets,
          point.min(),
          point.max(),
          point.timeNanos(),
          point.exemplars(),
          attributes,
          out);
      return;
    }
    String layout =
        buckets.stream().map(b -> b.lower() + ":" + b.upper()).collect(Collectors.joining(","));
    double[] counts = buckets.stream().mapToDouble(Bucket::count).toArray();
    cumulative
        .delta(
            CumulativeToDelta.seriesKey(
                projectId, metric.getName(), resource, point.attributes(), layout),
            point.startNanos(),
            point.timeNanos(),
            counts)
        .ifPresent(
            delta -> {
              List<Bucket> increase = new ArrayList<>(buckets.size());
              for (int i = 0; i < buckets.size(); i++) {
                increase.add(
                    new Bucket(
                        buckets.get(i).lower(), buckets.get(i).upper(), (long) delta.values()[i]));
              }
              List<Exemplar> fresh =
                  point.exemplars().stream()
                      .filter(e -> e.getTimeUnixNano() > delta.previousTimeNanos())
                      .toList();
              // Min and max cover the whole series, not the increase, so they no longer bound the
              // new observations.
              distribution(
                  metric,
                  increase,
                  delta.previousTimeNanos() == 0 ? point.min() : null,
                  delta.previousTimeNanos() == 0 ? point.max() : null,
                  point.timeNanos(),
                  fresh,
                  attributes,
                  out);
            });
  }

  private static void distribution(
      Metric metric,
      List<Bucket> buckets,
      Double min,
      Double max,
      long timeNanos,
      List<Exemplar> exemplars,
      Attributes attributes,
      List<IncomingMetric> out) {
    long[] left = buckets.stream().mapToLong(Bucket::count).toArray();
    for (Exemplar exemplar : exemplars) {
      double value = value(exemplar);
      for (int i = 0; i < buckets.size(); i++) {
        if (left[i] > 0 && buckets.get(i).contains(value)) {
          left[i]--;
          out.add(
              PointEvents.event(
                  metric, MetricKind.DISTRIBUTION, value, timeNanos, exemplar, null, attributes));
          break;
        }
      }
    }
    for (int i = 0; i < buckets.size(); i++) {
      if (left[i] > 0) {
        out.add(
            PointEvents.event(
                metric,
                MetricKind.DISTRIBUTION,
                buckets.get(i).representative(min, max),
                timeNanos,
                null,
                1.0 / left[i],
                attributes));
      }
    }
  }

  private static double value(Exemplar exemplar) {
    return exemplar.getValueCase() == Exemplar.ValueCase.AS_INT
        ? exemplar.getAsInt()
        : exemplar.getAsDouble();
  }
}
