package dev.appmetrics.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotFoundException;
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

  /** Ahead of Quarkus's own mapper for it (priority 5100), which answers an empty 400 outside dev mode. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e) {
    return malformedJson(e);
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e) {
    return json(400, JsonBodyErrors.describe(e));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    // Quarkus REST wraps a body Jackson cannot read in a 400; say which field or where the JSON
    // broke instead.
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return malformedJson(unreadable);
    }
    // JAX-RS answers 404 when a path or query parameter does not convert (`?limit=abc`); it is the
    // request's fault.
    if (e instanceof NotFoundException && e.getCause() != null) {
      return json(
          400,
          ErrorResponse.of(
              400,
              "bad_request",
              "A path or query parameter has a value of the wrong type: "
                  + JsonBodyErrors.clean(e.getCause().getMessage())));
    }
    int status = e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    return json(
        status,
        ErrorResponse.of(
            status, known == null ? "error" : known.name().toLowerCase(), e.getMessage()));
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected failure", e);
    return json(
        500,
        ErrorResponse.of(500, "internal_error", "Internal error; the server log has the details"));
  }

  private static Response json(int status, ErrorResponse body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
