package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.channel.Channel;
import dev.appmetrics.monitor.channel.ChannelConfig;
import dev.appmetrics.monitor.channel.ChannelType;
import dev.appmetrics.monitor.channel.TargetValidator;
import dev.appmetrics.monitor.config.MonitorConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Delivers one notification to its channel: renders the receiver's payload, POSTs it, and on a failure (no answer
 * within the timeout, a refused connection, a non-2xx status) waits and tries again with exponential backoff, writing
 * every attempt to the delivery log. A 2xx ends it; so does running out of attempts. While a delivery is pending its
 * log line's {@code locked_until} stays ahead of the next step (the answer to an attempt, the end of a backoff), so a
 * delivery whose replica died is seen as stuck and resumed by {@link DeliveryResumer}.
 */
@ApplicationScoped
public class DeliverySender {

  private static final Logger LOG = Logger.getLogger(DeliverySender.class);
  private static final int ERROR_TEXT_LIMIT = 500;

  private final Vertx vertx;
  private final WebClient client;
  private final ObjectMapper json;
  private final TargetValidator targets;
  private final MonitorConfig.Delivery config;

  public DeliverySender(
      Vertx vertx, ObjectMapper json, TargetValidator targets, MonitorConfig config) {
    this.vertx = vertx;
    // Redirects are not followed: a redirect could lead to an address the target check would have
    // refused.
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setFollowRedirects(false).setUserAgent("appmetrics-monitor"));
    this.json = json;
    this.targets = targets;
    this.config = config.delivery();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public Uni<Void> deliver(Notification notification) {
    return Panache.withSession(() -> Channel.<Channel>findById(notification.channelId()))
        .flatMap(
            channel -> {
              if (channel == null || channel.organizationId != notification.organizationId()) {
                return record(
                    notification, Delivery.FAILED, 0, null, "The channel no longer exists", null);
              }
              return attempt(notification, channel, 1);
            });
  }

  /** Continues a delivery another replica started: the next attempt after {@code attemptsMade}, when it is due. */
  public Uni<Void> resume(Notification notification, int attemptsMade, Instant nextAttemptAt) {
    return Panache.withSession(() -> Channel.<Channel>findById(notification.channelId()))
        .flatMap(
            channel -> {
              if (channel == null || channel.organizationId != notification.organizationId()) {
                return record(
                    notification,
                    Delivery.FAILED,
                    attemptsMade,
                    null,
                    "The channel no longer exists",
                    null);
              }
              Duration wait =
                  nextAttemptAt == null
                      ? Duration.ZERO
                      : Duration.between(Instant.now(), nextAttemptAt);
              return sleep(wait.isNegative() ? Duration.ZERO : wait)
                  .flatMap(ignored -> attempt(notification, channel, attemptsMade + 1));
            });
  }

  /** Until when a delivery whose next step is at {@code nextStep} belongs to the replica that runs it. */
  Instant lockedUntil(Instant nextStep) {
    return nextStep.plus(config.requestTimeout()).plus(config.lease());
  }

  private Uni<Void> attempt(Notification notification, Channel channel, int attempt) {
    return send(notification, channel)
        .flatMap(
            status ->
                status >= 200 && status < 300
                    ? record(notification, Delivery.DELIVERED, attempt, status, null, null)
                    : retryOrGiveUp(
                        notification, channel, attempt, status, "The receiver answered " + status))
        .onFailure()
        .recoverWithUni(
            failure ->
                retryOrGiveUp(
                    notification,
                    channel,
                    attempt,
                    null,
                    failure.getClass().getSimpleName() + ": " + failure.getMessage()));
  }

  private Uni<Void> retryOrGiveUp(
      Notification notification, Channel channel, int attempt, Integer status, String error) {
    if (attempt >= config.maxAttempts()) {
      LOG.warnf(
          "Giving up on notification %s to channel %d after %d attempts: %s",
          notification.id(), channel.id, attempt, error);
      return record(notification, Delivery.FAILED, attempt, status, error, null);
    }
    Duration wait = backoff(attempt);
    return record(notification, Delivery.PENDING, attempt, status, error, Instant.now().plus(wait))
        .flatMap(ignored -> sleep(wait))
        .flatMap(ignored -> attempt(notification, channel, attempt + 1));
  }

  /** The wait after the given failed attempt: the initial backoff, doubled per attempt, capped. */
  Duration backoff(int failedAttempt) {
    Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(failedAttempt - 1, 20));
    return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
  }

  private Uni<Integer> send(Notification notification, Channel channel) {
    ChannelType type = ChannelType.fromWireName(channel.type);
    ChannelConfig receiver;
    try {
      receiver = json.readValue(channel.config, ChannelConfig.class);
    } catch (JsonProcessingException e) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException("Channel " + channel.id + " has an unreadable config"));
    }
    OutboundRequest request =
        Payloads.render(json, type, receiver, notification, Instant.now().getEpochSecond());
    return targets
        .check(request.url())
        .flatMap(
            target -> {
              HttpRequest<Buffer> post =
                  target
                      .post(client)
                      .timeout(config.requestTimeout().toMillis())
                      .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
              request.headers().forEach(post::putHeader);
              return post.sendBuffer(Buffer.buffer(request.body())).map(HttpResponse::statusCode);
            });
  }

  /** Writes an attempt's outcome; {@code nextAttemptAt} is null once the delivery is over. */
  private Uni<Void> record(
      Notification notification,
      String status,
      int attempts,
      Integer responseStatus,
      String error,
      Instant nextAttemptAt) {
    String trimmed =
        error == null || error.length() <= ERROR_TEXT_LIMIT
            ? error
            : error.substring(0, ERROR_TEXT_LIMIT);
    Instant lockedUntil = nextAttemptAt == null ? null : lockedUntil(nextAttemptAt);
    return Panache.withTransaction(
            () ->
                Delivery.update(
                    "status = ?1, attempts = ?2, responseStatus = ?3, error = ?4, "
                        + "updatedAt = ?5, nextAttemptAt = ?6, lockedUntil = ?7 where notificationId = ?8",
                    status,
                    attempts,
                    responseStatus,
                    trimmed,
                    Instant.now(),
                    nextAttemptAt,
                    lockedUntil,
                    notification.id()))
        .replaceWithVoid();
  }

  private Uni<Void> sleep(Duration duration) {
    return Uni.createFrom()
        .emitter(
            emitter ->
                vertx.setTimer(Math.max(1, duration.toMillis()), id -> emitter.complete(null)));
  }
}
