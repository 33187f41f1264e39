package dev.appmetrics.ingest.envelope;

import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestAuthenticator;
import dev.appmetrics.ingest.auth.SentryAuth;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Rejection;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.Protocol;
import dev.appmetrics.ingest.trace.TraceItem;
import dev.appmetrics.ingest.trace.TraceResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sentry's envelope endpoint, as the official SDKs call it with a DSN {@code http://<key>@<host>/<projectId>}. */
@Path("/api/{projectId}/envelope/")
@ProjectKeyAuthenticated
public class EnvelopeResource {

  /** What SDKs send (the Node SDK sends none at all); anything else is a client mistake. */
  private static final Set<String> CONTENT_TYPES = Set.of(
      "application/x-sentry-envelope", "text/plain", "application/octet-stream");

  private final IngestAuthenticator authenticator;
  private final RequestBodies bodies;
  private final EnvelopeParser parser;
  private final TraceMetricItems traceMetrics;
  private final SentryTraceItems traceItems;
  private final Ingestion ingestion;
  private final MeterRegistry registry;

  public EnvelopeResource(IngestAuthenticator authenticator, RequestBodies bodies, IngestJson json,
      Ingestion ingestion, MeterRegistry registry) {
    this.authenticator = authenticator;
    this.bodies = bodies;
    this.parser = new EnvelopeParser(json.mapper());
    this.traceMetrics = new TraceMetricItems(json.mapper());
    this.traceItems = new SentryTraceItems(json.mapper());
    this.ingestion = ingestion;
    this.registry = registry;
  }

  /**
   * Sentry answers with the envelope's event id; we add what was accepted: {@code accepted} and {@code rejected} are
   * the metrics (each rejection with its index among the envelope's metrics), {@code traces} the spans, logs and
   * errors.
   */
  public record EnvelopeAnswer(String id, int accepted, List<Rejection> rejected, TraceResult traces) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<EnvelopeAnswer> envelope(@PathParam("projectId") long projectId,
      @HeaderParam("X-Sentry-Auth") String sentryAuth,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @QueryParam("sentry_key") String sentryKey,
      byte[] body) {
    Optional<String> key = SentryAuth.fromSentryHeader(sentryAuth)
        .or(() -> SentryAuth.fromAuthorization(authorization))
        .or(() -> Optional.ofNullable(sentryKey).filter(k -> !k.isBlank()));
    if (key.isPresent()) {
      authenticator.projectKey(key, projectId);
    }
    checkContentType(contentType);
    Envelope envelope = parser.parse(bodies.decode(body == null ? new byte[0] : body, contentEncoding));
    var caller = authenticator.projectKey(
        key.or(() -> SentryAuth.fromDsn(envelope.header().path("dsn").asText(null))), projectId);
    List<IncomingMetric> metrics = new ArrayList<>();
    List<TraceItem> traces = new ArrayList<>();
    SentryTraceItems.Context context = SentryTraceItems.Context.of(caller, System.currentTimeMillis(), envelope.header());
    for (int i = 0; i < envelope.items().size(); i++) {
      Envelope.Item item = envelope.items().get(i);
      if ("trace_metric".equals(item.type())) {
        metrics.addAll(traceMetrics.read(item, i));
      } else if (SentryTraceItems.TYPES.contains(item.type())) {
        traces.addAll(traceItems.read(item, i, context));
      } else {
        // Sessions, client reports, attachments and the like are not ours; skipping them keeps the envelope valid.
        registry.counter("appmetrics.ingest.envelope.items.skipped", "type", item.type()).increment();
      }
    }
    String id = envelope.header().path("event_id").asText(UUID.randomUUID().toString().replace("-", ""));
    return ingestion.ingest(caller, Protocol.SENTRY_ENVELOPE, metrics, MetricValidator.Names.NORMALIZE, traces)
        .map(outcome -> new EnvelopeAnswer(id, outcome.metrics().accepted(), outcome.metrics().rejected(),
            outcome.traces()));
  }

  private static void checkContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!CONTENT_TYPES.contains(type)) {
      throw new ApiException(415, "unsupported_media_type",
          "An envelope is sent as application/x-sentry-envelope, not " + type);
    }
  }
}
