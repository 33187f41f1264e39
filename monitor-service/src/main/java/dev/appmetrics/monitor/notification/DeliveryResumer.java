package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.concurrent.Detached;
import dev.appmetrics.monitor.config.MonitorConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Resumes deliveries whose replica died mid-retry. A pending delivery's {@code locked_until} is kept ahead of its next
 * step by the replica running it; once it has passed, a replica claims the delivery {@code FOR UPDATE SKIP LOCKED}
 * (one replica per stuck delivery), extends the lock past its next attempt and carries on from the attempts already
 * made. Each resumed delivery runs on its own context, like a fresh one, so a silent receiver delays no other channel.
 */
@ApplicationScoped
public class DeliveryResumer {

  private static final Logger LOG = Logger.getLogger(DeliveryResumer.class);

  private static final String CLAIM =
      """
      WITH stuck AS (
        SELECT id FROM deliveries
        WHERE status = 'pending' AND locked_until < now() AND payload IS NOT NULL
        ORDER BY locked_until
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      UPDATE deliveries d
      SET locked_until = greatest(d.next_attempt_at, now()) + make_interval(secs => $2)
      FROM stuck
      WHERE d.id = stuck.id
      RETURNING d.payload, d.attempts, d.next_attempt_at
      """;

  private final Pool pool;
  private final DeliverySender sender;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final MonitorConfig.Delivery config;

  public DeliveryResumer(
      Pool pool, DeliverySender sender, ObjectMapper json, Vertx vertx, MonitorConfig config) {
    this.pool = pool;
    this.sender = sender;
    this.json = json;
    this.vertx = vertx;
    this.config = config.delivery();
  }

  @Scheduled(
      every = "${appmetrics.monitor.delivery.resume-tick:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    double lockSeconds = config.requestTimeout().plus(config.lease()).toMillis() / 1000.0;
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(config.resumeBatchSize(), lockSeconds))
        .invoke(rows -> rows.forEach(this::resume))
        .onFailure()
        .invoke(
            failure -> LOG.warnf("Looking for stuck deliveries failed: %s", failure.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private void resume(Row row) {
    Notification notification;
    try {
      notification = json.readValue(row.getString("payload"), Notification.class);
    } catch (JsonProcessingException e) {
      LOG.errorf(e, "A stuck delivery holds an unreadable notification and cannot be resumed");
      return;
    }
    int attempts = row.getInteger("attempts");
    OffsetDateTime next = row.getOffsetDateTime("next_attempt_at");
    Instant nextAttemptAt = next == null ? null : next.toInstant();
    LOG.infof(
        "Resuming delivery of notification %s after %d attempts", notification.id(), attempts);
    Detached.run(
        vertx,
        () -> sender.resume(notification, attempts, nextAttemptAt),
        failure ->
            LOG.errorf(
                failure,
                "Resumed delivery of notification %s stopped unexpectedly",
                notification.id()));
  }
}
