package dev.appmetrics.monitor.evidence;

import dev.appmetrics.monitor.config.MonitorConfig;
import dev.appmetrics.monitor.definition.MonitorSpec;
import dev.appmetrics.monitor.detection.Units;
import dev.appmetrics.monitor.notification.Evidence;
import dev.appmetrics.monitor.notification.Notification;
import dev.appmetrics.monitor.notification.Outbox;
import dev.appmetrics.monitor.query.QueryClient;
import dev.appmetrics.monitor.query.SamplesResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Adds the events behind a breach to the triggers an evaluation wrote. They are read after the evaluation's transaction
 * committed (no database connection waits for query-service), once per issue whatever its channels, while the outbox
 * holds those triggers back ({@link Outbox#waitsForSamples}); then the triggers are released, with the events or,
 * when query-service cannot give them, without.
 */
@ApplicationScoped
public class EvidenceSamples {

  private static final Logger LOG = Logger.getLogger(EvidenceSamples.class);

  private final QueryClient query;
  private final Outbox outbox;
  private final Links links;

  public EvidenceSamples(QueryClient query, Outbox outbox, MonitorConfig config) {
    this.query = query;
    this.outbox = outbox;
    this.links = new Links(config.publicUrl());
  }

  /** Never fails: a trigger goes out without its events rather than not at all. */
  public Uni<Void> attach(long organizationId, MonitorSpec spec, List<Notification> written) {
    Map<Long, List<Notification>> byIssue =
        written.stream()
            .filter(Outbox::waitsForSamples)
            .collect(
                Collectors.groupingBy(
                    n -> n.alert().issueId(), LinkedHashMap::new, Collectors.toList()));
    if (byIssue.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(byIssue.values())
        .onItem()
        .transformToUniAndConcatenate(
            triggers ->
                find(organizationId, spec, triggers.get(0).alert())
                    .map(
                        samples ->
                            triggers.stream()
                                .map(
                                    n ->
                                        n.withAlert(
                                            n.alert()
                                                .withEvidence(
                                                    n.alert().evidence().withSamples(samples))))
                                .toList()))
        .collect()
        .asList()
        .flatMap(lists -> outbox.release(lists.stream().flatMap(List::stream).toList()))
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Sample events could not be added to the triggers of monitor %d; "
                        + "they go out without them when their wait runs out: %s",
                    written.get(0).alert().monitorId(), failure.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<List<Evidence.Sample>> find(
      long organizationId, MonitorSpec spec, Notification.Alert alert) {
    Evidence evidence = alert.evidence();
    return query
        .samples(
            organizationId,
            SampleQuery.of(spec, alert.group(), evidence.windowStart(), evidence.windowEnd()))
        .map(page -> page.samples().stream().map(this::sample).toList())
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "No sample events for issue %d: %s", alert.issueId(), failure.getMessage()))
        .onFailure()
        .recoverWithItem(List.of());
  }

  private Evidence.Sample sample(SamplesResponse.Sample event) {
    Instant at = Instant.parse(event.timestamp());
    boolean traced = event.traceId() != null && !event.traceId().isBlank();
    return new Evidence.Sample(
        at,
        event.value(),
        Units.format(event.value(), event.unit()),
        event.projectId(),
        event.traceId(),
        event.spanId(),
        traced ? links.trace(event.projectId(), event.traceId(), event.spanId(), at) : null,
        traced ? links.traceApi(event.projectId(), event.traceId(), at) : null);
  }
}
