package dev.appmetrics.monitor.channel;

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

/** Notification channels of the caller's organization. */
@Path("/api/v1/channels")
public class ChannelResource {

  private final ChannelService channels;
  private final CurrentCaller caller;

  public ChannelResource(ChannelService channels, CurrentCaller caller) {
    this.channels = channels;
    this.caller = caller;
  }

  @GET
  public Uni<PageOf<ChannelView>> list(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return channels.list(caller.get(), Pages.page(page), Pages.size(size));
  }

  @POST
  @ResponseStatus(201)
  @APIResponse(responseCode = "201", description = "The channel as saved")
  public Uni<ChannelView> create(ChannelSpec spec) {
    return channels.create(caller.get(), requireBody(spec));
  }

  @GET
  @Path("/{id}")
  public Uni<ChannelView> get(@PathParam("id") long id) {
    return channels.get(caller.get(), id);
  }

  @PUT
  @Path("/{id}")
  public Uni<ChannelView> update(@PathParam("id") long id, ChannelSpec spec) {
    return channels.update(caller.get(), id, requireBody(spec));
  }

  @DELETE
  @Path("/{id}")
  public Uni<RestResponse<Void>> delete(@PathParam("id") long id) {
    return channels.delete(caller.get(), id).replaceWith(RestResponse.noContent());
  }

  private static ChannelSpec requireBody(ChannelSpec spec) {
    if (spec == null) {
      throw Problems.of("body", "A channel JSON body is required");
    }
    return spec;
  }
}
