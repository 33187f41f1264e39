package dev.appmetrics.monitor.notification;

import java.time.Instant;

/** A line of the delivery log as the API shows it. */
public record DeliveryView(
    long id,
    String notificationId,
    long channelId,
    Long issueId,
    String event,
    String status,
    int attempts,
    Integer responseStatus,
    String error,
    Instant createdAt,
    Instant updatedAt) {

  public static DeliveryView of(Delivery d) {
    return new DeliveryView(
        d.id,
        d.notificationId,
        d.channelId,
        d.issueId,
        d.event,
        d.status,
        d.attempts,
        d.responseStatus,
        d.error,
        d.createdAt,
        d.updatedAt);
  }
}
