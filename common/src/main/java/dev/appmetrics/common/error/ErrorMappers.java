package dev.appmetrics.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into the one {@link ErrorResponse} shape, so clients parse errors one way. */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response apiException(ApiException e) {
    return json(e.status(), e.toResponse());
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e) {
    String where = e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return json(400, ErrorResponse.of(400, "malformed_json", "Malformed JSON" + where + ": " + e.getOriginalMessage()));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    // Quarkus REST wraps a body Jackson cannot read in a 400; say where the JSON broke instead.
    if (e.getCause() instanceof JsonProcessingException malformed) {
      return malformedJson(malformed);
    }
    int status = e.getResponse().getStatus();
    return json(status, ErrorResponse.of(status, Response.Status.fromStatusCode(status) == null
        ? "error"
        : Response.Status.fromStatusCode(status).name().toLowerCase(), e.getMessage()));
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected failure", e);
    return json(500, ErrorResponse.of(500, "internal_error", "Internal error; the server log has the details"));
  }

  private static Response json(int status, ErrorResponse body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
