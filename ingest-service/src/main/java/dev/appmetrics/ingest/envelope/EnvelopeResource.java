package dev.appmetrics.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestAuthenticated;
import dev.appmetrics.ingest.auth.IngestAuthenticator;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.auth.SentryAuth;
import dev.appmetrics.ingest.auth.VerifiedCaller;
import dev.appmetrics.ingest.body.DecodedBody;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.event.IncomingMetric;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Rejection;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.ItemBudget;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Sentry's envelope endpoint, as the official SDKs call it with a DSN {@code http://<key>@<host>/<projectId>}. */
@Path("/api/{projectId}/envelope/")
@ProjectKeyAuthenticated
public class EnvelopeResource {

  /** What SDKs send (the Node SDK sends none at all); anything else is a client mistake. */
  private static final Set<String> CONTENT_TYPES =
      Set.of("application/x-sentry-envelope", "text/plain", "application/octet-stream");

  /**
   * Item types Sentry SDKs send that are not ours. The skipped-items counter is tagged with one of these or
   * {@code other}, never with a type from the request: each distinct tag value is a meter held forever.
   */
  static final Set<String> KNOWN_SKIPPED_TYPES =
      Set.of(
          "attachment",
          "session",
          "sessions",
          "client_report",
          "profile",
          "profile_chunk",
          "replay_event",
          "replay_recording",
          "replay_video",
          "check_in",
          "feedback",
          "user_report",
          "statsd",
          "metric_meta",
          "otel_log",
          "otel_span",
          "raw_security");

  private final IngestAuthenticator authenticator;
  private final VerifiedCaller verified;
  private final RequestBodies bodies;
  private final IngestJson json;
  private final TraceMetricItems traceMetrics;
  private final SentryTraceItems traceItems;
  private final Ingestion ingestion;
  private final MeterRegistry registry;

  public EnvelopeResource(
      IngestAuthenticator authenticator,
      VerifiedCaller verified,
      RequestBodies bodies,
      IngestJson json,
      Ingestion ingestion,
      MeterRegistry registry) {
    this.authenticator = authenticator;
    this.verified = verified;
    this.bodies = bodies;
    this.json = json;
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
  public record EnvelopeAnswer(
      String id, int accepted, List<Rejection> rejected, TraceResult traces) {}

  /**
   * A key in the request's headers was verified before the body was read; a key only in the envelope header is
   * verified from the body's first line, before any item is read. Items are read one at a time and counted as they
   * come, envelope items and the metrics, spans, logs and errors inside them each up to the cap.
   */
  @POST
  @IngestAuthenticated(IngestAuthenticated.Credential.ENVELOPE)
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<EnvelopeAnswer> envelope(
      @PathParam("projectId") long projectId,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    checkContentType(contentType);
    Contents contents = read(projectId, body, contentEncoding);
    String id =
        contents.header().path("event_id").asText(UUID.randomUUID().toString().replace("-", ""));
    return ingestion
        .ingest(
            contents.caller(),
            Protocol.SENTRY_ENVELOPE,
            contents.metrics(),
            MetricValidator.Names.NORMALIZE,
            contents.traces())
        .map(
            outcome ->
                new EnvelopeAnswer(
                    id,
                    outcome.metrics().accepted(),
                    outcome.metrics().rejected(),
                    outcome.traces()));
  }

  /** An envelope's header, its verified caller and its items, read into metrics and trace items. */
  private record Contents(
      JsonNode header, IngestCaller caller, List<IncomingMetric> metrics, List<TraceItem> traces) {}

  private Contents read(long projectId, byte[] body, String contentEncoding) {
    try (DecodedBody decoded = bodies.open(body, contentEncoding)) {
      EnvelopeReader envelope = new EnvelopeReader(json.mapper(), decoded);
      JsonNode header = envelope.header();
      IngestCaller caller =
          verified
              .get()
              .orElseGet(
                  () ->
                      authenticator.projectKey(
                          SentryAuth.fromDsn(header.path("dsn").asText(null)), projectId));
      SentryTraceItems.Context context =
          SentryTraceItems.Context.of(caller, System.currentTimeMillis(), header);
      ItemBudget envelopeItems = ingestion.budget(Protocol.SENTRY_ENVELOPE);
      ItemBudget items = ingestion.budget(Protocol.SENTRY_ENVELOPE);
      List<IncomingMetric> metrics = new ArrayList<>();
      List<TraceItem> traces = new ArrayList<>();
      int index = 0;
      for (EnvelopeItem item = envelope.next(); item != null; item = envelope.next(), index++) {
        envelopeItems.take();
        if ("trace_metric".equals(item.type())) {
          metrics.addAll(traceMetrics.read(item, index, items));
        } else if (SentryTraceItems.TYPES.contains(item.type())) {
          traces.addAll(traceItems.read(item, index, context, items));
        } else {
          // Sessions, client reports, attachments and the like are not ours; skipping them keeps
          // the envelope valid.
          registry
              .counter(
                  "appmetrics.ingest.envelope.items.skipped",
                  "type",
                  KNOWN_SKIPPED_TYPES.contains(item.type()) ? item.type() : "other")
              .increment();
        }
      }
      return new Contents(header, caller, metrics, traces);
    }
  }

  private static void checkContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!CONTENT_TYPES.contains(type)) {
      throw new ApiException(
          415,
          "unsupported_media_type",
          "An envelope is sent as application/x-sentry-envelope, not " + type);
    }
  }
}
