package dev.appmetrics.query.trace;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Traces: one trace with its logs, errors and metric events; comparable traces; cross-event search. All read. */
@Path("/api/v1/traces")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.READ)
public class TraceResource {

  private final TraceService traces;
  private final TraceSearch search;
  private final CurrentCaller caller;

  public TraceResource(TraceService traces, TraceSearch search, CurrentCaller caller) {
    this.traces = traces;
    this.search = search;
    this.caller = caller;
  }

  @GET
  @Path("/{traceId}")
  @Operation(
      summary =
          "A trace's spans as a tree with timings, its logs, errors and metric events; "
              + "'at' (a sample's time) narrows the lookup to the days around it")
  public Uni<TraceResponse> trace(
      @PathParam("traceId") String traceId,
      @QueryParam("project") String project,
      @QueryParam("at") String at) {
    return traces.trace(caller.get(), projectId(project), traceId, at);
  }

  @POST
  @Path("/comparable")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Stored traces with the same release, environment, transaction or op, closest in time")
  public Uni<ComparableResponse> comparable(ComparableRequest request) {
    return search.comparable(caller.get(), request);
  }

  @POST
  @Path("/search")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Traces meeting every condition on their spans, logs, errors and metric events")
  public Uni<SearchResponse> search(SearchRequest request) {
    return search.search(caller.get(), request);
  }

  static Long projectId(String value) {
    if (value == null) {
      throw ApiException.badRequest("'project' is required");
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'project' must be a project id");
    }
  }
}
