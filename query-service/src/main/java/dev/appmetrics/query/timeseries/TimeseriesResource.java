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

/** Time series for charts, dashboards and monitors. A POST that only reads: it needs the READ scope. */
@Path("/api/v1/query/timeseries")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TimeseriesResource {

  private final TimeseriesService service;
  private final CurrentCaller caller;

  public TimeseriesResource(TimeseriesService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  @RequiresScope(Scope.READ)
  @Operation(summary = "Time series of queries A..Z and equations over them, bucketed and grouped")
  public Uni<TimeseriesResponse> timeseries(TimeseriesRequest request) {
    return service.query(caller.get(), request);
  }
}
