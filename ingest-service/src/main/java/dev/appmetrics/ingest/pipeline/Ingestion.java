package dev.appmetrics.ingest.pipeline;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Validated;
import dev.appmetrics.ingest.publish.EventPublisher;
import dev.appmetrics.ingest.ratelimit.ProjectRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalLong;

/**
 * The one road every protocol takes: validate each item, charge the project's rate limit, publish on Kafka and
 * only then report what was accepted. Every item that does not reach Kafka is counted by reason.
 */
@ApplicationScoped
public class Ingestion {

  private final MetricValidator validator;
  private final ProjectRateLimiter rateLimiter;
  private final EventPublisher publisher;
  private final MeterRegistry registry;
  private final int maxItems;

  public Ingestion(MetricValidator validator, ProjectRateLimiter rateLimiter, EventPublisher publisher,
      MeterRegistry registry, IngestConfig config) {
    this.validator = validator;
    this.rateLimiter = rateLimiter;
    this.publisher = publisher;
    this.registry = registry;
    this.maxItems = config.limits().maxItemsPerRequest();
  }

  public Uni<IngestResult> ingest(IngestCaller caller, Protocol protocol, List<IncomingMetric> metrics,
      MetricValidator.Names names) {
    if (metrics.size() > maxItems) {
      count("rejected", protocol, "too_many_items", metrics.size());
      throw new ApiException(413, "too_many_items",
          "The request holds " + metrics.size() + " metrics, at most " + maxItems + " are allowed");
    }
    Validated validated = validator.validate(metrics, caller.organizationId(), caller.projectId(), names);
    count("rejected", protocol, "invalid", validated.rejections().size());
    OptionalLong retryAfter = rateLimiter.acquire(caller, validated.events().size());
    if (retryAfter.isPresent()) {
      count("rejected", protocol, "rate_limited", validated.events().size());
      throw new RateLimitedException(caller.projectId(), retryAfter.getAsLong());
    }
    return publisher.publish(validated.events())
        .onFailure().invoke(e -> count("rejected", protocol, "kafka_unavailable", validated.events().size()))
        .invoke(() -> count("accepted", protocol, "", validated.events().size()))
        .replaceWith(() -> new IngestResult(validated.events().size(), validated.rejections()));
  }

  private void count(String outcome, Protocol protocol, String reason, int events) {
    if (events > 0) {
      registry.counter("appmetrics.ingest.events", "outcome", outcome, "protocol", protocol.wireName(), "reason", reason)
          .increment(events);
    }
  }
}
