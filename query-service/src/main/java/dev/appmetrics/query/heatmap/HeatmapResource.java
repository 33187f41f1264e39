package dev.appmetrics.query.heatmap;

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

/** Distribution heatmaps for the Explorer. A POST that only reads: it needs the READ scope. */
@Path("/api/v1/query/heatmap")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class HeatmapResource {

  private final HeatmapService service;
  private final CurrentCaller caller;

  public HeatmapResource(HeatmapService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @POST
  @RequiresScope(Scope.READ)
  @Operation(
      summary =
          "Weighted counts of a distribution's events per time bucket and log-scale value bucket, per group")
  public Uni<HeatmapResponse> heatmap(HeatmapRequest request) {
    return service.heatmap(caller.get(), request);
  }
}
