package dev.appmetrics.ingest.otlp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestAuthenticated;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.auth.VerifiedCaller;
import dev.appmetrics.ingest.body.DecodedBody;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.JsonErrors;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Rejection;
import dev.appmetrics.ingest.pipeline.IngestResult;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.ItemBudget;
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
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * OTLP/HTTP metrics, traces and logs in protobuf and JSON, at Sentry's path (project in the path) and at the
 * collector's {@code /v1/<signal>} (project from the key). The answer is the signal's Export*ServiceResponse whose
 * partial_success counts what was not accepted and says why.
 */
@Path("/")
@ProjectKeyAuthenticated
public class OtlpResource {

  private static final String PROTOBUF = "application/x-protobuf";

  private final VerifiedCaller verified;
  private final RequestBodies bodies;
  private final IngestJson json;
  private final OtlpJson otlpJson;
  private final OtlpConverter converter;
  private final Ingestion ingestion;

  public OtlpResource(
      VerifiedCaller verified,
      RequestBodies bodies,
      IngestJson json,
      OtlpConverter converter,
      Ingestion ingestion) {
    this.verified = verified;
    this.bodies = bodies;
    this.json = json;
    this.otlpJson = new OtlpJson(json.mapper());
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
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean protobuf = type.equals(PROTOBUF) || type.equals("application/protobuf");
    if (!protobuf && !type.equals(MediaType.APPLICATION_JSON)) {
      throw new ApiException(
          415, "unsupported_media_type", "OTLP/HTTP is application/x-protobuf or application/json");
    }
    long receivedAt = System.currentTimeMillis();
    return switch (signal) {
      case METRICS -> {
        var request =
            parse(body, contentEncoding, protobuf, ExportMetricsServiceRequest.newBuilder())
                .build();
        OtlpConverter.Converted converted = converter.convert(caller.projectId(), request);
        yield ingestion
            .ingest(caller, Protocol.OTLP, converted.metrics(), MetricValidator.Names.NORMALIZE)
            .map(result -> metricsAnswer(result, converted.unconvertiblePoints(), protobuf));
      }
      case TRACES -> {
        var request =
            parse(body, contentEncoding, protobuf, ExportTraceServiceRequest.newBuilder()).build();
        yield ingestion
            .ingestTraces(
                caller, Protocol.OTLP, OtlpTraceConverter.spans(caller, receivedAt, request))
            .map(result -> traceAnswer(result, protobuf));
      }
      case LOGS -> {
        var request =
            parse(body, contentEncoding, protobuf, ExportLogsServiceRequest.newBuilder()).build();
        yield ingestion
            .ingestTraces(
                caller, Protocol.OTLP, OtlpTraceConverter.logs(caller, receivedAt, request))
            .map(result -> logsAnswer(result, protobuf));
      }
    };
  }

  /**
   * The request read into the builder, from protobuf or from OTLP/JSON, after a first pass over the body counted its
   * items without building any message (413 past the cap). Both passes decompress as they read: the whole
   * decompressed body is never held.
   */
  private <B extends Message.Builder> B parse(
      byte[] body, String contentEncoding, boolean protobuf, B builder) {
    Descriptor type = builder.getDescriptorForType();
    try (DecodedBody counted = bodies.open(body, contentEncoding)) {
      ItemBudget budget = ingestion.budget(Protocol.OTLP);
      if (protobuf) {
        OtlpItems.countProtobuf(counted, type, budget);
      } else {
        OtlpItems.countJson(counted, json.mapper(), budget);
      }
    } catch (IOException e) {
      throw malformed(type, protobuf, e);
    }
    try (DecodedBody parsed = bodies.open(body, contentEncoding)) {
      if (!protobuf) {
        return otlpJson.merge(parsed, builder);
      }
      builder.mergeFrom(parsed);
      return builder;
    } catch (IOException e) {
      throw malformed(type, true, e);
    }
  }

  private static ApiException malformed(Descriptor type, boolean protobuf, IOException e) {
    return protobuf
        ? new ApiException(
            400,
            "malformed_protobuf",
            "The body is not an OTLP " + type.getName() + ": " + e.getMessage())
        : new ApiException(
            400,
            "malformed_json",
            "The body is not an OTLP/JSON " + type.getName() + ": " + JsonErrors.describe(e));
  }

  private static Response metricsAnswer(IngestResult result, int unconvertible, boolean protobuf) {
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
    return answer(response.build(), protobuf);
  }

  private static Response traceAnswer(TraceResult result, boolean protobuf) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (!result.rejected().isEmpty()) {
      response.setPartialSuccess(
          ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(result.rejected().size())
              .setErrorMessage(reasons(result)));
    }
    return answer(response.build(), protobuf);
  }

  private static Response logsAnswer(TraceResult result, boolean protobuf) {
    ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
    if (!result.rejected().isEmpty()) {
      response.setPartialSuccess(
          ExportLogsPartialSuccess.newBuilder()
              .setRejectedLogRecords(result.rejected().size())
              .setErrorMessage(reasons(result)));
    }
    return answer(response.build(), protobuf);
  }

  /** The first ten rejections, each naming its item: "span 3: trace_id must be …". */
  private static String reasons(TraceResult result) {
    return result.rejected().stream()
        .limit(10)
        .map(r -> r.item() + " " + r.index() + ": " + r.reason())
        .collect(Collectors.joining("; "));
  }

  private static Response answer(Message response, boolean protobuf) {
    if (protobuf) {
      return Response.ok(response.toByteArray(), PROTOBUF).build();
    }
    try {
      return Response.ok(JsonFormat.printer().print(response), MediaType.APPLICATION_JSON).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
