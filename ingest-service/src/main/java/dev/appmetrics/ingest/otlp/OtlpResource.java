package dev.appmetrics.ingest.otlp;

import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestAuthenticated;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.auth.VerifiedCaller;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Rejection;
import dev.appmetrics.ingest.pipeline.IngestResult;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.Protocol;
import dev.appmetrics.ingest.trace.TraceResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * OTLP/HTTP metrics, traces and logs in protobuf and JSON, at Sentry's path (project in the path) and at the
 * collector's {@code /v1/<signal>} (project from the key). {@link OtlpDecoder} reads the body in the {@link
 * OtlpEncoding} its Content-Type names; the answer, in the same encoding, is the signal's Export*ServiceResponse
 * whose partial_success counts what was not accepted and says why.
 */
@Path("/")
@ProjectKeyAuthenticated
public class OtlpResource {

  private final VerifiedCaller verified;
  private final OtlpDecoder decoder;
  private final OtlpConverter converter;
  private final Ingestion ingestion;

  public OtlpResource(
      VerifiedCaller verified, OtlpDecoder decoder, OtlpConverter converter, Ingestion ingestion) {
    this.verified = verified;
    this.decoder = decoder;
    this.converter = converter;
    this.ingestion = ingestion;
  }

  /** {@code signal} is metrics, traces or logs; the key was verified against the project before the body was read. */
  @POST
  @Path("api/{projectId}/integration/otlp/v1/{signal}")
  @IngestAuthenticated(IngestAuthenticated.Credential.PROJECT_KEY)
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> projectExport(
      @PathParam("projectId") long projectId,
      @PathParam("signal") String signal,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    return accept(Signal.parse(signal), contentType, contentEncoding, body);
  }

  /** {@code signal} is metrics, traces or logs; the project is the key's. */
  @POST
  @Path("v1/{signal}")
  @IngestAuthenticated(IngestAuthenticated.Credential.PROJECT_KEY)
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> export(
      @PathParam("signal") String signal,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    return accept(Signal.parse(signal), contentType, contentEncoding, body);
  }

  /** The three OTLP signals, by their path segment. */
  enum Signal {
    METRICS,
    TRACES,
    LOGS;

    static Signal parse(String segment) {
      for (Signal signal : values()) {
        if (signal.name().toLowerCase(Locale.ROOT).equals(segment)) {
          return signal;
        }
      }
      throw new ApiException(
          404, "not_found", "OTLP/HTTP signals are metrics, traces and logs, not " + segment);
    }
  }

  private Uni<Response> accept(
      Signal signal, String contentType, String contentEncoding, byte[] body) {
    IngestCaller caller = verified.require();
    OtlpEncoding encoding = OtlpEncoding.of(contentType);
    long receivedAt = System.currentTimeMillis();
    return switch (signal) {
      case METRICS -> {
        var request =
            decoder
                .decode(body, contentEncoding, encoding, ExportMetricsServiceRequest.newBuilder())
                .build();
        OtlpConverter.Converted converted = converter.convert(caller.projectId(), request);
        yield ingestion
            .ingest(caller, Protocol.OTLP, converted.metrics(), MetricValidator.Names.NORMALIZE)
            .map(result -> metricsAnswer(result, converted.unconvertiblePoints(), encoding));
      }
      case TRACES -> {
        var request =
            decoder
                .decode(body, contentEncoding, encoding, ExportTraceServiceRequest.newBuilder())
                .build();
        yield ingestion
            .ingestTraces(
                caller, Protocol.OTLP, OtlpTraceConverter.spans(caller, receivedAt, request))
            .map(result -> traceAnswer(result, encoding));
      }
      case LOGS -> {
        var request =
            decoder
                .decode(body, contentEncoding, encoding, ExportLogsServiceRequest.newBuilder())
                .build();
        yield ingestion
            .ingestTraces(
                caller, Protocol.OTLP, OtlpTraceConverter.logs(caller, receivedAt, request))
            .map(result -> logsAnswer(result, encoding));
      }
    };
  }

  private static Response metricsAnswer(
      IngestResult result, int unconvertible, OtlpEncoding encoding) {
    ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
    int rejected = result.rejected().size() + unconvertible;
    if (rejected > 0) {
      String reasons =
          result.rejected().stream()
              .limit(10)
              .map(Rejection::reason)
              .distinct()
              .collect(Collectors.joining("; "));
      response.setPartialSuccess(
          ExportMetricsPartialSuccess.newBuilder()
              .setRejectedDataPoints(rejected)
              .setErrorMessage(
                  (unconvertible > 0 ? unconvertible + " summary points are not supported; " : "")
                      + reasons));
    }
    return encoding.answer(response.build());
  }

  private static Response traceAnswer(TraceResult result, OtlpEncoding encoding) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (!result.rejected().isEmpty()) {
      response.setPartialSuccess(
          ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(result.rejected().size())
              .setErrorMessage(reasons(result)));
    }
    return encoding.answer(response.build());
  }

  private static Response logsAnswer(TraceResult result, OtlpEncoding encoding) {
    ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
    if (!result.rejected().isEmpty()) {
      response.setPartialSuccess(
          ExportLogsPartialSuccess.newBuilder()
              .setRejectedLogRecords(result.rejected().size())
              .setErrorMessage(reasons(result)));
    }
    return encoding.answer(response.build());
  }

  /** The first ten rejections, each naming its item: "span 3: trace_id must be …". */
  private static String reasons(TraceResult result) {
    return result.rejected().stream()
        .limit(10)
        .map(r -> r.item() + " " + r.index() + ": " + r.reason())
        .collect(Collectors.joining("; "));
  }
}
