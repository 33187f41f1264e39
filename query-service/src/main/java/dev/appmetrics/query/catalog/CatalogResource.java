package dev.appmetrics.query.catalog;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The metric catalog the Explorer's pickers read. {@code project} may repeat; {@code period} defaults to 7d. */
@Path("/api/v1/catalog/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

  private final CatalogService service;
  private final CurrentCaller caller;

  public CatalogResource(CatalogService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Metric names with kind, unit, last seen and event count")
  public Uni<CatalogResponses.Metrics> metrics(
      @QueryParam("project") List<String> project, @QueryParam("period") String period) {
    return service.metrics(caller.get(), projects(project), period);
  }

  @GET
  @Path("/{name}/attributes")
  @Operation(summary = "Attribute keys and types of one metric")
  public Uni<CatalogResponses.Attributes> attributes(
      @PathParam("name") String name,
      @QueryParam("project") List<String> project,
      @QueryParam("period") String period) {
    return service.attributes(caller.get(), projects(project), name, period);
  }

  @GET
  @Path("/{name}/attributes/{key}/values")
  @Operation(summary = "Values of one attribute starting with a prefix, most frequent first")
  public Uni<CatalogResponses.Values> values(
      @PathParam("name") String name,
      @PathParam("key") String key,
      @QueryParam("project") List<String> project,
      @QueryParam("prefix") String prefix,
      @QueryParam("period") String period) {
    return service.values(caller.get(), projects(project), name, key, prefix, period);
  }

  private static List<Long> projects(List<String> values) {
    if (values.isEmpty()) {
      throw ApiException.badRequest("'project' is required");
    }
    List<Long> projects = new ArrayList<>();
    for (String value : values) {
      try {
        projects.add(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("'project' must be a project id");
      }
    }
    return projects;
  }
}
