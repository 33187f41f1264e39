package dev.appmetrics.monitor.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.monitor.config.MonitorConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka. Each tick claims unpublished rows {@code FOR UPDATE SKIP LOCKED} with a short claim
 * (replicas never publish the same row at the same time and never wait for each other), publishes them in outbox
 * order and marks each one published once Kafka acknowledged it. A relay that dies between the acknowledgement and the
 * mark leaves the row to be published again when its claim runs out: publishing is at least once, and the delivery
 * workers drop a notification id they have already logged.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private static final String CLAIM =
      """
      WITH next AS (
        SELECT id FROM notification_outbox
        WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY id
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      UPDATE notification_outbox o
      SET claimed_until = now() + make_interval(secs => $2)
      FROM next
      WHERE o.id = next.id
      RETURNING o.id, o.payload
      """;

  private static final String MARK_PUBLISHED =
      """
      UPDATE notification_outbox SET published_at = now(), claimed_until = NULL WHERE id = $1
      """;

  private static final String PURGE =
      """
      DELETE FROM notification_outbox WHERE published_at < now() - make_interval(secs => $1)
      """;

  private record Claimed(long id, String payload) {}

  private final Pool pool;
  private final NotificationPublisher publisher;
  private final ObjectMapper json;
  private final MonitorConfig.Outbox config;

  public OutboxRelay(
      Pool pool, NotificationPublisher publisher, ObjectMapper json, MonitorConfig config) {
    this.pool = pool;
    this.publisher = publisher;
    this.json = json;
    this.config = config.outbox();
  }

  @Scheduled(
      every = "${appmetrics.monitor.outbox.tick:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    return relay()
        .call(
            () ->
                pool.preparedQuery(PURGE)
                    .execute(Tuple.of((double) config.retention().toSeconds())))
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Outbox relay tick failed, its rows return when their claim " + "runs out: %s",
                    failure.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Claims a batch and publishes it in outbox order; the first failure stops the batch. */
  private Uni<Void> relay() {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(config.batchSize(), (double) config.claim().toSeconds()))
        .map(
            rows -> {
              List<Claimed> claimed = new ArrayList<>();
              for (Row row : rows) {
                claimed.add(new Claimed(row.getLong("id"), row.getString("payload")));
              }
              // RETURNING has no order of its own; one channel's trigger must leave before its
              // resolve.
              claimed.sort(Comparator.comparingLong(Claimed::id));
              return claimed;
            })
        .onItem()
        .transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
        .onItem()
        .transformToUniAndConcatenate(
            row ->
                publish(row)
                    .call(() -> pool.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(row.id()))))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** A row this version cannot read is logged and passed over, so it cannot hold up every later notification. */
  private Uni<Void> publish(Claimed row) {
    Notification notification;
    try {
      notification = json.readValue(row.payload(), Notification.class);
    } catch (JsonProcessingException e) {
      LOG.errorf(e, "Outbox row %d is not a readable notification and is dropped", row.id());
      return Uni.createFrom().voidItem();
    }
    return publisher.publish(notification);
  }
}
