package dev.appmetrics.ingest.otlp;

import com.google.protobuf.ByteString;
import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.event.Attributes;
import dev.appmetrics.ingest.event.IncomingMetric;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * OTLP metrics to protocol-neutral metrics. Sums become counters (deltas; cumulative monotonic sums are converted
 * per series; a non-monotonic cumulative sum is a level, hence a gauge), gauges stay gauges, and histograms (their
 * increase since the previous point when cumulative) become
 * distribution events: one event per non-empty bucket at the bucket's midpoint weighing the bucket's count (through
 * client_sample_rate = 1 / count), plus one exact event per exemplar carrying its trace and span ids. Counts are
 * exact; percentiles are as precise as the buckets. Resource attributes and point attributes (which win) become
 * attributes. Summaries have no event form and are reported as rejected.
 */
@ApplicationScoped
@Startup
public class OtlpConverter {

  private final CumulativeToDelta cumulative;

  public OtlpConverter(IngestConfig config) {
    // Created at start-up (@Startup), so "started after this process" means after ingest started.
    this.cumulative =
        new CumulativeToDelta(
            config.limits().maxCumulativeSeries(), System.currentTimeMillis() * 1_000_000L);
  }

  /** The metrics of the request, and how many data points could not become metrics at all (summaries). */
  public record Converted(List<IncomingMetric> metrics, int unconvertiblePoints) {}

  public Converted convert(long projectId, ExportMetricsServiceRequest request) {
    List<IncomingMetric> out = new ArrayList<>();
    int unconvertible = 0;
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      Map<String, AnyValue> resourceAttributes =
          OtlpAttributes.map(resource.getResource().getAttributesList());
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          switch (metric.getDataCase()) {
            case SUM -> sum(projectId, metric, resourceAttributes, out);
            case GAUGE ->
                metric
                    .getGauge()
                    .getDataPointsList()
                    .forEach(
                        point ->
                            out.add(
                                number(
                                    metric,
                                    MetricKind.GAUGE,
                                    value(point),
                                    point,
                                    resourceAttributes)));
            case HISTOGRAM ->
                metric
                    .getHistogram()
                    .getDataPointsList()
                    .forEach(point -> histogram(projectId, metric, point, resourceAttributes, out));
            case EXPONENTIAL_HISTOGRAM ->
                metric
                    .getExponentialHistogram()
                    .getDataPointsList()
                    .forEach(
                        point -> exponential(projectId, metric, point, resourceAttributes, out));
            case SUMMARY -> unconvertible += metric.getSummary().getDataPointsCount();
            default -> {}
          }
        }
      }
    }
    return new Converted(out, unconvertible);
  }

  private void sum(
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
        String series = seriesKey(projectId, metric, resource, point.getAttributesList(), "");
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

  private static String seriesKey(
      long projectId,
      Metric metric,
      Map<String, AnyValue> resource,
      List<KeyValue> point,
      String layout) {
    return projectId
        + "\u0000"
        + metric.getName()
        + "\u0000"
        + new TreeMap<>(OtlpAttributes.merged(resource, point))
        + "\u0000"
        + layout;
  }

  /**
   * A cumulative histogram repeats every observation since its start in each export: only the increase of each
   * bucket since the series' previous point, and only exemplars newer than that point, are new.
   */
  private void distribution(
      long projectId,
      Metric metric,
      boolean cumulativePoint,
      List<Bucket> buckets,
      Double min,
      Double max,
      long startNanos,
      long timeNanos,
      List<Exemplar> exemplars,
      List<KeyValue> pointAttributes,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    Attributes attributes =
        OtlpAttributes.attributes(OtlpAttributes.merged(resource, pointAttributes));
    if (!cumulativePoint) {
      distribution(metric, buckets, min, max, timeNanos, exemplars, attributes, out);
      return;
    }
    String layout =
        buckets.stream().map(b -> b.lower() + ":" + b.upper()).collect(Collectors.joining(","));
    double[] counts = buckets.stream().mapToDouble(Bucket::count).toArray();
    cumulative
        .delta(
            seriesKey(projectId, metric, resource, pointAttributes, layout),
            startNanos,
            timeNanos,
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
                  exemplars.stream()
                      .filter(e -> e.getTimeUnixNano() > delta.previousTimeNanos())
                      .toList();
              // Min and max cover the whole series, not the increase, so they no longer bound the
              // new observations.
              distribution(
                  metric,
                  increase,
                  delta.previousTimeNanos() == 0 ? min : null,
                  delta.previousTimeNanos() == 0 ? max : null,
                  timeNanos,
                  fresh,
                  attributes,
                  out);
            });
  }

  private static IncomingMetric number(
      Metric metric,
      MetricKind kind,
      double value,
      NumberDataPoint point,
      Map<String, AnyValue> resource) {
    Exemplar exemplar = point.getExemplarsCount() > 0 ? point.getExemplars(0) : null;
    return metric(
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

  private static double value(Exemplar exemplar) {
    return exemplar.getValueCase() == Exemplar.ValueCase.AS_INT
        ? exemplar.getAsInt()
        : exemplar.getAsDouble();
  }

  /** A bucket (lower, upper] with its count; the zero bucket of an exponential histogram is [0, 0]. */
  private record Bucket(double lower, double upper, long count) {
    boolean contains(double value) {
      return lower == upper ? value == lower : value > lower && value <= upper;
    }
  }

  private void histogram(
      long projectId,
      Metric metric,
      HistogramDataPoint point,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    Optional<String> problem = HistogramChecks.problem(metric, point);
    if (problem.isPresent()) {
      out.add(IncomingMetric.unreadable(problem.get()));
      return;
    }
    List<Bucket> buckets = new ArrayList<>();
    List<Double> bounds = point.getExplicitBoundsList();
    for (int i = 0; i < point.getBucketCountsCount(); i++) {
      double lower = i == 0 ? Double.NEGATIVE_INFINITY : bounds.get(i - 1);
      double upper = i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY;
      buckets.add(new Bucket(lower, upper, point.getBucketCounts(i)));
    }
    if (buckets.isEmpty() && point.getCount() > 0) {
      double mean = point.getSum() / point.getCount();
      buckets.add(new Bucket(mean, mean, point.getCount()));
    }
    boolean cumulativePoint =
        metric.getHistogram().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    distribution(
        projectId,
        metric,
        cumulativePoint,
        buckets,
        point.hasMin() ? point.getMin() : null,
        point.hasMax() ? point.getMax() : null,
        point.getStartTimeUnixNano(),
        point.getTimeUnixNano(),
        point.getExemplarsList(),
        point.getAttributesList(),
        resource,
        out);
  }

  private void exponential(
      long projectId,
      Metric metric,
      ExponentialHistogramDataPoint point,
      Map<String, AnyValue> resource,
      List<IncomingMetric> out) {
    Optional<String> problem = HistogramChecks.problem(metric, point);
    if (problem.isPresent()) {
      out.add(IncomingMetric.unreadable(problem.get()));
      return;
    }
    double base = Math.pow(2, Math.pow(2, -point.getScale()));
    List<Bucket> buckets = new ArrayList<>();
    var negative = point.getNegative();
    for (int i = 0; i < negative.getBucketCountsCount(); i++) {
      long index = (long) negative.getOffset() + i;
      buckets.add(
          new Bucket(
              -Math.pow(base, index + 1), -Math.pow(base, index), negative.getBucketCounts(i)));
    }
    buckets.add(new Bucket(0, 0, point.getZeroCount()));
    var positive = point.getPositive();
    for (int i = 0; i < positive.getBucketCountsCount(); i++) {
      long index = (long) positive.getOffset() + i;
      buckets.add(
          new Bucket(
              Math.pow(base, index), Math.pow(base, index + 1), positive.getBucketCounts(i)));
    }
    boolean cumulativePoint =
        metric.getExponentialHistogram().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    distribution(
        projectId,
        metric,
        cumulativePoint,
        buckets,
        point.hasMin() ? point.getMin() : null,
        point.hasMax() ? point.getMax() : null,
        point.getStartTimeUnixNano(),
        point.getTimeUnixNano(),
        point.getExemplarsList(),
        point.getAttributesList(),
        resource,
        out);
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
              metric(
                  metric, MetricKind.DISTRIBUTION, value, timeNanos, exemplar, null, attributes));
          break;
        }
      }
    }
    for (int i = 0; i < buckets.size(); i++) {
      if (left[i] > 0) {
        out.add(
            metric(
                metric,
                MetricKind.DISTRIBUTION,
                representative(buckets.get(i), min, max),
                timeNanos,
                null,
                1.0 / left[i],
                attributes));
      }
    }
  }

  /** The bucket's midpoint; an open end is closed by the point's min or max, or else by the other bound. */
  private static double representative(Bucket bucket, Double min, Double max) {
    double lower =
        Double.isInfinite(bucket.lower()) ? (min != null ? min : bucket.upper()) : bucket.lower();
    double upper = Double.isInfinite(bucket.upper()) ? (max != null ? max : lower) : bucket.upper();
    double middle = (lower + upper) / 2;
    if (min != null) {
      middle = Math.max(middle, min);
    }
    if (max != null) {
      middle = Math.min(middle, max);
    }
    return middle;
  }

  private static IncomingMetric metric(
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
