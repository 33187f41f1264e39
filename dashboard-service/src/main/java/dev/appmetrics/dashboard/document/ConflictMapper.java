package dev.appmetrics.dashboard.document;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.common.error.ErrorResponse;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two saves that both read version n: the database's version check lets one through and the other lands here,
 * as the same 409 a client gets for a version it already knows is stale.
 */
public class ConflictMapper {

  @ServerExceptionMapper
  public Response stale(StaleObjectStateException e) {
    return conflict();
  }

  @ServerExceptionMapper
  public Response optimisticLock(OptimisticLockException e) {
    return conflict();
  }

  private static Response conflict() {
    return Response.status(409)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            ErrorResponse.of(
                409, "conflict", "Someone saved a newer version in the meantime; reload and retry"))
        .build();
  }

  /** An update names the version it read, so that a concurrent edit is caught rather than overwritten. */
  static void requireVersion(Long version) {
    if (version == null) {
      throw new ApiException(
          400,
          "invalid_spec",
          "Invalid request: version is required to update",
          List.of(new ErrorResponse.Detail("version", "is required to update")));
    }
  }

  /** The 409 for an update whose version is not the stored one. */
  static ApiException staleVersion(long sent, long stored) {
    return new ApiException(
        409,
        "conflict",
        "Version " + sent + " is stale: the stored version is " + stored + "; reload and retry");
  }
}
