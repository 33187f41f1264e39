package dev.appmetrics.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.ingest.auth.IngestAuthenticator;
import dev.appmetrics.ingest.auth.IngestCaller;
import dev.appmetrics.ingest.auth.SentryAuth;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Rejection;
import dev.appmetrics.ingest.pipeline.IngestResult;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.Protocol;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * OTLP/HTTP metrics in protobuf and JSON, at Sentry's path (project in the path) and at the collector's
 * {@code /v1/metrics} (project from the key). The answer is an ExportMetricsServiceResponse whose partial_success
 * counts the data points that were not accepted and says why.
 */
@Path("/")
@ProjectKeyAuthenticated
public class OtlpResource {

  private static final String PROTOBUF = "application/x-protobuf";

  private final IngestAuthenticator authenticator;
  private final RequestBodies bodies;
  private final IngestJson json;
  private final OtlpConverter converter;
  private final Ingestion ingestion;

  public OtlpResource(IngestAuthenticator authenticator, RequestBodies bodies, IngestJson json, OtlpConverter converter,
      Ingestion ingestion) {
    this.authenticator = authenticator;
    this.bodies = bodies;
    this.json = json;
    this.converter = converter;
    this.ingestion = ingestion;
  }

  @POST
  @Path("api/{projectId}/integration/otlp/v1/metrics")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> projectMetrics(@PathParam("projectId") long projectId,
      @HeaderParam("X-Sentry-Auth") String sentryAuth, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
    return export(authenticator.projectKey(key(sentryAuth, authorization), projectId), contentType, contentEncoding, body);
  }

  @POST
  @Path("v1/metrics")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> metrics(@HeaderParam("X-Sentry-Auth") String sentryAuth,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
    return export(authenticator.projectKey(key(sentryAuth, authorization), null), contentType, contentEncoding, body);
  }

  private static Optional<String> key(String sentryAuth, String authorization) {
    return SentryAuth.fromSentryHeader(sentryAuth).or(() -> SentryAuth.fromAuthorization(authorization));
  }

  private Uni<Response> export(IngestCaller caller, String contentType, String contentEncoding, byte[] body) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean protobuf = type.equals(PROTOBUF) || type.equals("application/protobuf");
    if (!protobuf && !type.equals(MediaType.APPLICATION_JSON)) {
      throw new ApiException(415, "unsupported_media_type", "OTLP/HTTP is application/x-protobuf or application/json");
    }
    byte[] decoded = bodies.decode(body == null ? new byte[0] : body, contentEncoding);
    ExportMetricsServiceRequest request = protobuf ? fromProtobuf(decoded) : fromJson(decoded);
    OtlpConverter.Converted converted = converter.convert(caller.projectId(), request);
    return ingestion.ingest(caller, Protocol.OTLP, converted.metrics(), MetricValidator.Names.NORMALIZE)
        .map(result -> answer(result, converted.unconvertiblePoints(), protobuf));
  }

  private static ExportMetricsServiceRequest fromProtobuf(byte[] body) {
    try {
      return ExportMetricsServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiException(400, "malformed_protobuf", "The body is not an OTLP ExportMetricsServiceRequest: " + e.getMessage());
    }
  }

  /** OTLP/JSON is protobuf's JSON mapping except that trace and span ids are hex, not base64. */
  private ExportMetricsServiceRequest fromJson(byte[] body) {
    try {
      JsonNode tree = json.mapper().readTree(body);
      if (tree == null || !tree.isObject()) {
        throw ApiException.badRequest("The body must be an OTLP/JSON ExportMetricsServiceRequest object");
      }
      hexIdsToBase64(tree);
      ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(tree.toString(), request);
      return request.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiException(400, "malformed_json", "The body is not an OTLP/JSON ExportMetricsServiceRequest: " + e.getMessage());
    }
  }

  private static void hexIdsToBase64(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String field : new String[] {"traceId", "spanId", "trace_id", "span_id"}) {
        if (object.path(field).isTextual()) {
          object.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(object.get(field).asText())));
        }
      }
      object.forEach(OtlpResource::hexIdsToBase64);
    } else if (node.isArray()) {
      node.forEach(OtlpResource::hexIdsToBase64);
    }
  }

  private static Response answer(IngestResult result, int unconvertible, boolean protobuf) {
    ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
    int rejected = result.rejected().size() + unconvertible;
    if (rejected > 0) {
      String reasons = result.rejected().stream().limit(10).map(Rejection::reason).distinct().collect(Collectors.joining("; "));
      response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected)
          .setErrorMessage((unconvertible > 0 ? unconvertible + " summary points are not supported; " : "") + reasons));
    }
    if (protobuf) {
      return Response.ok(response.build().toByteArray(), PROTOBUF).build();
    }
    try {
      return Response.ok(JsonFormat.printer().print(response), MediaType.APPLICATION_JSON).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
