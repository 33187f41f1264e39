package dev.appmetrics.query.catalog;

import dev.appmetrics.common.event.MetricKind;
import dev.appmetrics.query.timeseries.Aggregate;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Which aggregates each metric kind takes, from {@link Aggregate} itself, so the Explorer and the monitor forms offer
 * exactly what a query accepts instead of a copy of the rule. A GET: it needs the READ scope.
 */
@Path("/api/v1/catalog/aggregates")
@Produces(MediaType.APPLICATION_JSON)
public class AggregatesResource {

  private static final CatalogResponses.Aggregates AGGREGATES = aggregatesByKind();

  @GET
  @Operation(
      summary = "The aggregates each metric kind takes, the first of each its natural default")
  public CatalogResponses.Aggregates aggregates() {
    return AGGREGATES;
  }

  private static CatalogResponses.Aggregates aggregatesByKind() {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (MetricKind kind : MetricKind.values()) {
      byKind.put(kind.wireName(), Aggregate.of(kind).stream().map(Aggregate::wireName).toList());
    }
    return new CatalogResponses.Aggregates(byKind);
  }
}
