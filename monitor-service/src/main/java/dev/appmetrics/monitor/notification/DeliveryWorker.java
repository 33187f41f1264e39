package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.concurrent.Detached;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Consumes {@value Notification#TOPIC}: records each notification in the delivery log once (its id is the idempotency
 * key, so a redelivered Kafka record is dropped) and starts its delivery, which then retries on its own. The consumer
 * does not wait for receivers: one that never answers delays nobody else's notifications.
 */
@ApplicationScoped
public class DeliveryWorker {

  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  private final DeliverySender sender;
  private final Vertx vertx;
  private final ObjectMapper json;

  public DeliveryWorker(DeliverySender sender, Vertx vertx, ObjectMapper json) {
    this.sender = sender;
    this.vertx = vertx;
    this.json = json;
  }

  @Incoming("notifications-in")
  public Uni<Void> receive(Notification notification) {
    return Panache.withTransaction(
            () ->
                Delivery.<Delivery>find("notificationId", notification.id())
                    .firstResult()
                    .flatMap(
                        existing ->
                            existing != null
                                ? Uni.createFrom().item(false)
                                : logLine(notification, sender.lockedUntil(Instant.now()))
                                    .persist()
                                    .replaceWith(true)))
        .onFailure(ConstraintViolationException.class)
        .recoverWithItem(false)
        .invoke(
            created -> {
              if (created) {
                Detached.run(
                    vertx,
                    () -> sender.deliver(notification),
                    failure ->
                        LOG.errorf(
                            failure,
                            "Delivery of notification %s stopped unexpectedly",
                            notification.id()));
              }
            })
        .replaceWithVoid();
  }

  private Delivery logLine(Notification notification, Instant lockedUntil) {
    Delivery delivery = new Delivery();
    delivery.notificationId = notification.id();
    delivery.organizationId = notification.organizationId();
    delivery.channelId = notification.channelId();
    delivery.issueId = notification.alert().issueId();
    delivery.event = notification.event().wireName();
    delivery.status = Delivery.PENDING;
    delivery.attempts = 0;
    delivery.payload = serialize(notification);
    delivery.lockedUntil = lockedUntil;
    delivery.createdAt = Instant.now();
    delivery.nextAttemptAt = delivery.createdAt;
    delivery.updatedAt = delivery.createdAt;
    return delivery;
  }

  private String serialize(Notification notification) {
    try {
      return json.writeValueAsString(notification);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Notification " + notification.id() + " cannot be written as JSON", e);
    }
  }
}
