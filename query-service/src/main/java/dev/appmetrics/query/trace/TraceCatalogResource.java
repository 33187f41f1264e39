package dev.appmetrics.query.trace;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.auth.RequiresScope;
import dev.appmetrics.common.auth.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The trace side of the catalog, beside the metrics': span ops, transactions, statuses, releases, environments, log
 * levels and exception types for a trace search's autocomplete ({@code period} defaults to 7d), and the aggregates
 * and operators its conditions take.
 */
@Path("/api/v1/catalog/traces")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.READ)
public class TraceCatalogResource {

  private static final TraceAggregates AGGREGATES =
      new TraceAggregates(SearchConditionSql.aggregatesByKind(), SearchConditionSql.OPERATORS);

  private final TraceCatalogService service;
  private final CurrentCaller caller;

  public TraceCatalogResource(TraceCatalogService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary =
          "Values trace search conditions can name, most frequent first (at most 100 of each)")
  public Uni<TraceCatalog> catalog(
      @QueryParam("project") String project, @QueryParam("period") String period) {
    return service.catalog(caller.get(), TraceResource.projectId(project), period);
  }

  /** The search's own rule rather than a copy of it, so the Traces page offers exactly what a search accepts. */
  @GET
  @Path("aggregates")
  @Operation(
      summary =
          "The aggregates each kind of trace search condition takes, and the comparison operators")
  public TraceAggregates aggregates() {
    return AGGREGATES;
  }
}
