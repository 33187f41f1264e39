package dev.appmetrics.monitor.notification;

import dev.appmetrics.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A channel's test notification and delivery log, under the channel's own path. */
@Path("/api/v1/channels")
public class ChannelDeliveryResource {

  private final ChannelDeliveries deliveries;
  private final CurrentCaller caller;

  public ChannelDeliveryResource(ChannelDeliveries deliveries, CurrentCaller caller) {
    this.deliveries = deliveries;
    this.caller = caller;
  }

  @POST
  @Path("/{id}/test")
  public Uni<Response> test(@PathParam("id") long id) {
    return deliveries.sendTest(caller.get(), id).map(body -> Response.accepted(body).build());
  }

  @GET
  @Path("/{id}/deliveries")
  public Uni<List<DeliveryView>> deliveries(@PathParam("id") long id) {
    return deliveries.deliveries(caller.get(), id);
  }
}
