package dev.appmetrics.monitor.definition;

import dev.appmetrics.common.auth.CurrentCaller;
import dev.appmetrics.monitor.api.PageOf;
import dev.appmetrics.monitor.api.Pages;
import dev.appmetrics.monitor.api.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Monitors of the caller's organization. "Save as monitor" in the Explorer posts the Explorer's query JSON as the
 * spec's {@code query} (its projects, queries, equations and interval are taken as they are).
 */
@Path("/api/v1/monitors")
public class MonitorResource {

  private final MonitorService monitors;
  private final CurrentCaller caller;

  public MonitorResource(MonitorService monitors, CurrentCaller caller) {
    this.monitors = monitors;
    this.caller = caller;
  }

  @GET
  public Uni<PageOf<MonitorView>> list(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return monitors.list(caller.get(), Pages.page(page), Pages.size(size));
  }

  @POST
  @ResponseStatus(201)
  @APIResponse(responseCode = "201", description = "The monitor as saved")
  public Uni<MonitorView> create(MonitorSpec spec) {
    return monitors.create(caller.get(), requireBody(spec));
  }

  @GET
  @Path("/{id}")
  public Uni<MonitorView> get(@PathParam("id") long id) {
    return monitors.get(caller.get(), id);
  }

  @PUT
  @Path("/{id}")
  public Uni<MonitorView> update(@PathParam("id") long id, MonitorSpec spec) {
    return monitors.update(caller.get(), id, requireBody(spec));
  }

  @DELETE
  @Path("/{id}")
  public Uni<RestResponse<Void>> delete(@PathParam("id") long id) {
    return monitors.delete(caller.get(), id).replaceWith(RestResponse.noContent());
  }

  private static MonitorSpec requireBody(MonitorSpec spec) {
    if (spec == null) {
      throw Problems.of("body", "A monitor JSON body is required");
    }
    return spec;
  }
}
