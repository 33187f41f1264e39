package dev.appmetrics.ingest.batch;

import com.fasterxml.jackson.core.JsonParser;
import dev.appmetrics.common.auth.ProjectKeyAuthenticated;
import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import dev.appmetrics.ingest.auth.IngestAuthenticated;
import dev.appmetrics.ingest.auth.VerifiedCaller;
import dev.appmetrics.ingest.body.IngestJson;
import dev.appmetrics.ingest.body.JsonErrors;
import dev.appmetrics.ingest.body.RequestBodies;
import dev.appmetrics.ingest.event.IncomingMetric;
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
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * The native JSON batch, for everything that is neither a Sentry SDK nor OTLP. Credentials: a DSN key of the project
 * or an API token with the ingest scope of the organization that owns it.
 */
@Path("/api/v1/projects/{projectId}/metrics")
@ProjectKeyAuthenticated
public class NativeMetricsResource {

  private final VerifiedCaller verified;
  private final RequestBodies bodies;
  private final IngestJson json;
  private final Ingestion ingestion;

  public NativeMetricsResource(
      VerifiedCaller verified, RequestBodies bodies, IngestJson json, Ingestion ingestion) {
    this.verified = verified;
    this.bodies = bodies;
    this.json = json;
    this.ingestion = ingestion;
  }

  /**
   * 200 with the accepted count and each rejected metric's index and reason; 400 when none was valid. The credential
   * was verified before the body was read; metrics are counted as they are read, up to the cap.
   */
  @POST
  @IngestAuthenticated(IngestAuthenticated.Credential.PROJECT_KEY_OR_TOKEN)
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<IngestResult> ingest(
      @PathParam("projectId") long projectId,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    var caller = verified.require();
    if (contentType == null
        || !contentType
            .split(";", 2)[0]
            .strip()
            .toLowerCase(Locale.ROOT)
            .equals("application/json")) {
      throw new ApiException(415, "unsupported_media_type", "Send the batch as application/json");
    }
    List<IncomingMetric> metrics = read(bodies.open(body, contentEncoding));
    return ingestion
        .ingest(caller, Protocol.NATIVE, metrics, MetricValidator.Names.STRICT)
        .invoke(
            result -> {
              if (result.accepted() == 0 && !result.rejected().isEmpty()) {
                throw new ApiException(
                    400,
                    "invalid_metrics",
                    "No metric of the batch is valid",
                    details(result.rejected()));
              }
            });
  }

  private List<IncomingMetric> read(InputStream body) {
    try (JsonParser parser = json.mapper().createParser(body)) {
      return NativeMetrics.read(parser, ingestion.budget(Protocol.NATIVE));
    } catch (IOException e) {
      throw new ApiException(
          400, "malformed_json", "The body is not valid JSON: " + JsonErrors.describe(e));
    }
  }

  private static List<ErrorResponse.Detail> details(List<Rejection> rejections) {
    return rejections.stream()
        .map(r -> new ErrorResponse.Detail("metrics[" + r.index() + "]", r.reason()))
        .toList();
  }
}
