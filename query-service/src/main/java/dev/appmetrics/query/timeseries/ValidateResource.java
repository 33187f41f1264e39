package dev.appmetrics.query.timeseries;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Checks a timeseries request without running it, for the saved queries, widgets and monitors other services store:
 * the same validation and planning as execution, so the same 400s. A POST that only reads: it needs the READ scope.
 */
@Path("/api/v1/query/validate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ValidateResource {

  private final TimeseriesPlanner planner;
  private final CurrentCaller caller;

  public ValidateResource(TimeseriesPlanner planner, CurrentCaller caller) {
    this.planner = planner;
    this.caller = caller;
  }

  @POST
  @RequiresScope(Scope.READ)
  @Operation(
      summary =
          "Validate a timeseries request (the body of POST /api/v1/query/timeseries) without running it: "
              + "200 with what would run and warnings, or the 400 execution would give")
  public Uni<QueryValidation> validate(TimeseriesRequest request) {
    return planner.validate(caller.get(), request);
  }
}
