package dev.appmetrics.query.samples;

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

/** The events behind a chart. A POST that only reads: it needs the READ scope. */
@Path("/api/v1/query/samples")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SamplesResource {

  private final SamplesService service;
  private final CurrentCaller caller;

  public SamplesResource(SamplesService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  @RequiresScope(Scope.READ)
  @Operation(summary = "Individual events of a metric, filtered, sorted, one page at a time")
  public Uni<SamplesResponse> samples(SamplesRequest request) {
    return service.samples(caller.get(), request);
  }
}
