package dev.appmetrics.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.ingest.auth.IngestAuthenticator;
import dev.appmetrics.ingest.auth.SentryAuth;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.event.MetricValidator;
import dev.appmetrics.ingest.event.Rejection;
import dev.appmetrics.ingest.pipeline.IngestResult;
import dev.appmetrics.ingest.pipeline.Ingestion;
import dev.appmetrics.ingest.pipeline.Protocol;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The native JSON batch, for everything that is neither a Sentry SDK nor OTLP. Credentials: a DSN key of the project
 * or an API token with the ingest scope of the organization that owns it.
 */
@Path("/api/v1/projects/{projectId}/metrics")
@ProjectKeyAuthenticated
public class NativeMetricsResource {

  private final IngestAuthenticator authenticator;
  private final RequestBodies bodies;
  private final IngestJson json;
  private final Ingestion ingestion;

  public NativeMetricsResource(IngestAuthenticator authenticator, RequestBodies bodies, IngestJson json,
      Ingestion ingestion) {
    this.authenticator = authenticator;
    this.bodies = bodies;
    this.json = json;
    this.ingestion = ingestion;
  }

  /** 200 with the accepted count and each rejected metric's index and reason; 400 when none was valid. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<IngestResult> ingest(@PathParam("projectId") long projectId,
      @HeaderParam("X-Sentry-Auth") String sentryAuth,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    var caller = authenticator.projectKeyOrToken(
        SentryAuth.fromSentryHeader(sentryAuth).or(() -> SentryAuth.fromAuthorization(authorization)), projectId);
    if (contentType == null || !contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw new ApiException(415, "unsupported_media_type", "Send the batch as application/json");
    }
    JsonNode batch = parse(bodies.decode(body == null ? new byte[0] : body, contentEncoding));
    return ingestion.ingest(caller, Protocol.NATIVE, NativeMetrics.read(batch), MetricValidator.Names.STRICT)
        .invoke(result -> {
          if (result.accepted() == 0 && !result.rejected().isEmpty()) {
            throw new ApiException(400, "invalid_metrics", "No metric of the batch is valid", details(result.rejected()));
          }
        });
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode batch = json.mapper().readTree(body);
      if (batch == null || !batch.path("metrics").isArray()) {
        throw ApiException.badRequest("The body must be {\"metrics\": [...]}");
      }
      return batch;
    } catch (IOException e) {
      throw new ApiException(400, "malformed_json", "The body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static List<ErrorResponse.Detail> details(List<Rejection> rejections) {
    return rejections.stream().map(r -> new ErrorResponse.Detail("metrics[" + r.index() + "]", r.reason())).toList();
  }
}
