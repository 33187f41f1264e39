package dev.appmetrics.monitor.silence;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Silences of the caller's organization: per-group silences ({@code match}, {@code endsAt}) and maintenance windows
 * ({@code recurrence}), and the notifications each held.
 */
@Path("/api/v1/silences")
public class SilenceResource {

  private final SilenceService silences;
  private final CurrentCaller caller;

  public SilenceResource(SilenceService silences, CurrentCaller caller) {
    this.silences = silences;
    this.caller = caller;
  }

  @GET
  public Uni<PageOf<SilenceView>> list(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return silences.list(caller.get(), Pages.page(page), Pages.size(size));
  }

  @POST
  @ResponseStatus(201)
  @APIResponse(responseCode = "201", description = "The silence as saved")
  public Uni<SilenceView> create(SilenceSpec spec) {
    return silences.create(caller.get(), requireBody(spec));
  }

  @GET
  @Path("/{id}")
  public Uni<SilenceView> get(@PathParam("id") long id) {
    return silences.get(caller.get(), id);
  }

  @PUT
  @Path("/{id}")
  public Uni<SilenceView> update(@PathParam("id") long id, SilenceSpec spec) {
    return silences.update(caller.get(), id, requireBody(spec));
  }

  @DELETE
  @Path("/{id}")
  public Uni<RestResponse<Void>> delete(@PathParam("id") long id) {
    return silences.delete(caller.get(), id).replaceWith(RestResponse.noContent());
  }

  /** Every notification the silence held, oldest first. */
  @GET
  @Path("/{id}/held")
  public Uni<List<SilenceView.Held>> held(@PathParam("id") long id) {
    return silences.held(caller.get(), id);
  }

  private static SilenceSpec requireBody(SilenceSpec spec) {
    if (spec == null) {
      throw Problems.of("body", "A silence JSON body is required");
    }
    return spec;
  }
}
