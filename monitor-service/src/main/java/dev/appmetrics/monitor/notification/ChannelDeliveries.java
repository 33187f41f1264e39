package dev.appmetrics.monitor.notification;

import dev.appmetrics.common.auth.Caller;
import dev.appmetrics.monitor.api.Actor;
import dev.appmetrics.monitor.channel.ChannelService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a channel delivered: test notifications and the delivery log. Kept beside the deliveries rather than in
 * {@code channel}, because delivering needs the channel and the channel itself needs nothing of delivering.
 */
@ApplicationScoped
public class ChannelDeliveries {

  private final ChannelService channels;
  private final Outbox outbox;

  public ChannelDeliveries(ChannelService channels, Outbox outbox) {
    this.channels = channels;
    this.outbox = outbox;
  }

  /** Queues a test notification through the normal delivery path; its delivery log line tells how it went. */
  @WithTransaction
  public Uni<Map<String, String>> sendTest(Caller caller, long id) {
    return channels
        .owned(caller, id)
        .flatMap(
            channel -> {
              String notificationId = "test-" + UUID.randomUUID();
              Notification notification =
                  new Notification(
                      notificationId,
                      channel.organizationId,
                      channel.id,
                      Notification.Event.TEST,
                      new Notification.Alert(
                          null,
                          null,
                          null,
                          "test",
                          null,
                          Map.of(),
                          null,
                          null,
                          "This is a test notification for the channel '" + channel.name + "'.",
                          notificationId,
                          Instant.now(),
                          null,
                          null,
                          Actor.of(caller)));
              return outbox
                  .add(List.of(notification))
                  .replaceWith(Map.of("notificationId", notificationId));
            });
  }

  @WithSession
  public Uni<List<DeliveryView>> deliveries(Caller caller, long id) {
    return channels
        .owned(caller, id)
        .flatMap(
            channel ->
                Delivery.<Delivery>find("channelId", Sort.descending("id"), channel.id)
                    .page(Page.ofSize(100))
                    .list())
        .map(list -> list.stream().map(DeliveryView::of).toList());
  }
}
