package dev.appmetrics.ingest.pipeline;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Validated;
import dev.appmetrics.ingest.publish.EventPublisher;
import dev.appmetrics.ingest.ratelimit.ProjectRateLimiter;
import dev.appmetrics.ingest.trace.TraceItem;
import dev.appmetrics.ingest.trace.TraceResult;
import dev.appmetrics.ingest.trace.TraceRow;
import dev.appmetrics.ingest.trace.TraceTable;
import dev.appmetrics.ingest.trace.TraceValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The one road every protocol takes: validate each item, charge the project's rate limit, publish on Kafka and
 * only then report what was accepted. Every item that does not reach Kafka is counted by reason. Metrics and trace
 * items of one request (a Sentry envelope carries both) are charged and published together, so the request is
 * accepted or refused as a whole and a client's retry never duplicates half of it.
 */
@ApplicationScoped
public class Ingestion {

  private final MetricValidator validator;
  private final TraceValidator traceValidator;
  private final ProjectRateLimiter rateLimiter;
  private final EventPublisher publisher;
  private final MeterRegistry registry;
  private final int maxItems;

  public Ingestion(
      MetricValidator validator,
      TraceValidator traceValidator,
      ProjectRateLimiter rateLimiter,
      EventPublisher publisher,
      MeterRegistry registry,
      IngestConfig config) {
    this.validator = validator;
    this.traceValidator = traceValidator;
    this.rateLimiter = rateLimiter;
    this.publisher = publisher;
    this.registry = registry;
    this.maxItems = config.limits().maxItemsPerRequest();
  }

  /** What a request delivered: its metrics and its spans, logs and errors. */
  public record Outcome(IngestResult metrics, TraceResult traces) {}

  public Uni<IngestResult> ingest(
      IngestCaller caller,
      Protocol protocol,
      List<IncomingMetric> metrics,
      MetricValidator.Names names) {
    return ingest(caller, protocol, metrics, names, List.of()).map(Outcome::metrics);
  }

  public Uni<TraceResult> ingestTraces(
      IngestCaller caller, Protocol protocol, List<TraceItem> items) {
    return ingest(caller, protocol, List.of(), MetricValidator.Names.STRICT, items)
        .map(Outcome::traces);
  }

  public Uni<Outcome> ingest(
      IngestCaller caller,
      Protocol protocol,
      List<IncomingMetric> metrics,
      MetricValidator.Names names,
      List<TraceItem> traceItems) {
    int items = metrics.size() + traceItems.size();
    if (items > maxItems) {
      throw tooManyItems(protocol, items);
    }
    Validated validated =
        validator.validate(metrics, caller.organizationId(), caller.projectId(), names);
    TraceValidator.Validated traces = traceValidator.validate(traceItems);
    int accepted = validated.events().size() + traces.rows().size();
    count(
        "rejected",
        protocol,
        "invalid",
        validated.rejections().size() + traces.rejections().size());
    OptionalLong retryAfter = rateLimiter.acquire(caller, accepted);
    if (retryAfter.isPresent()) {
      count("rejected", protocol, "rate_limited", accepted);
      throw new RateLimitedException(caller.projectId(), retryAfter.getAsLong());
    }
    return publisher
        .publish(validated.events(), traces.rows())
        .onFailure()
        .invoke(e -> count("rejected", protocol, "kafka_unavailable", accepted))
        .invoke(() -> count("accepted", protocol, "", accepted))
        .replaceWith(
            () ->
                new Outcome(
                    new IngestResult(validated.events().size(), validated.rejections()),
                    traceResult(traces)));
  }

  /** A new count of items for one request, which refuses the first one over the cap while the request is read. */
  public ItemBudget budget(Protocol protocol) {
    return new ItemBudget(maxItems, seen -> tooManyItems(protocol, seen));
  }

  /** Counted with the items seen, which while reading is only as far as the first one over the cap. */
  private ApiException tooManyItems(Protocol protocol, int seen) {
    count("rejected", protocol, "too_many_items", seen);
    return new ApiException(
        413,
        "too_many_items",
        "The request holds at least " + seen + " items, at most " + maxItems + " are allowed");
  }

  private static TraceResult traceResult(TraceValidator.Validated traces) {
    if (traces.rows().isEmpty() && traces.rejections().isEmpty()) {
      return TraceResult.NONE;
    }
    Map<TraceTable, Long> accepted =
        traces.rows().stream()
            .collect(
                Collectors.groupingBy(
                    TraceRow::table, () -> new EnumMap<>(TraceTable.class), Collectors.counting()));
    return new TraceResult(
        accepted.getOrDefault(TraceTable.SPANS, 0L).intValue(),
        accepted.getOrDefault(TraceTable.LOGS, 0L).intValue(),
        accepted.getOrDefault(TraceTable.ERRORS, 0L).intValue(),
        traces.rejections());
  }

  private void count(String outcome, Protocol protocol, String reason, int events) {
    if (events > 0) {
      registry
          .counter(
              "appmetrics.ingest.events",
              "outcome",
              outcome,
              "protocol",
              protocol.wireName(),
              "reason",
              reason)
          .increment(events);
    }
  }
}
