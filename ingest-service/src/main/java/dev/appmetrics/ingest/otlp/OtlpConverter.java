package dev.appmetrics.ingest.otlp;

import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.event.IncomingMetric;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP metrics to protocol-neutral metrics: walks a request's resources and scopes and hands each metric's points to
 * the converter of their type, {@link NumberPoints} for sums and gauges and {@link HistogramPoints} for (exponential)
 * histograms, both sharing one {@link CumulativeToDelta}. Resource attributes and point attributes (which win) become
 * attributes. Summaries have no event form and are reported as rejected.
 */
@ApplicationScoped
@Startup
public class OtlpConverter {

  private final NumberPoints numbers;
  private final HistogramPoints histograms;

  public OtlpConverter(IngestConfig config) {
    // Created at start-up (@Startup), so "started after this process" means after ingest started.
    CumulativeToDelta cumulative =
        new CumulativeToDelta(
            config.limits().maxCumulativeSeries(), System.currentTimeMillis() * 1_000_000L);
    this.numbers = new NumberPoints(cumulative);
    this.histograms = new HistogramPoints(cumulative);
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
            case SUM -> numbers.sum(projectId, metric, resourceAttributes, out);
            case GAUGE -> NumberPoints.gauge(metric, resourceAttributes, out);
            case HISTOGRAM -> {
              for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                histograms.histogram(projectId, metric, point, resourceAttributes, out);
              }
            }
            case EXPONENTIAL_HISTOGRAM -> {
              for (ExponentialHistogramDataPoint point :
                  metric.getExponentialHistogram().getDataPointsList()) {
                histograms.exponential(projectId, metric, point, resourceAttributes, out);
              }
            }
            case SUMMARY -> unconvertible += metric.getSummary().getDataPointsCount();
            default -> {}
          }
        }
      }
    }
    return new Converted(out, unconvertible);
  }
}
