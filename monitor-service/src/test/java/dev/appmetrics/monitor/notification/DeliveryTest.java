package dev.appmetrics.monitor.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.Receiver;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery from the outbox through Kafka to local receivers: test notifications, outbox rows left behind by a crash,
 * re-published notifications, retries with backoff, slow receivers.
 */
@QuarkusTest
class DeliveryTest {

  private static final Duration PATIENCE = Channels.PATIENCE;

  @Inject GrantPublisher grants;

  @Inject Vertx vertx;

  @Inject ObjectMapper json;

  @Inject Pool pool;

  Tenant tenant;
  Channels channels;
  Receiver first;
  Receiver second;

  @BeforeEach
  void startReceivers() throws Exception {
    tenant = Tenant.create(grants);
    channels = new Channels(tenant);
    first = Receiver.start(vertx);
    second = Receiver.start(vertx);
  }

  @AfterEach
  void stopReceivers() throws Exception {
    first.close();
    second.close();
  }

  /**
   * What an evaluation leaves behind when its replica dies right after the commit: an outbox row nobody published.
   * The JSON is written here by hand, as the topic's contract, not by the code under test.
   */
  private String insertUnpublished(long channelId, String message) {
    String notificationId = "crash-" + UUID.randomUUID();
    String payload =
        """
        {"id": "%s", "organizationId": %d, "channelId": %d, "event": "test",
         "alert": {"status": "test", "group": {}, "message": "%s", "dedupKey": "%s", "at": "2030-01-01T00:00:00Z"}}
        """
            .formatted(notificationId, tenant.organizationId(), channelId, message, notificationId);
    pool.preparedQuery(
            "INSERT INTO notification_outbox (notification_id, channel_id, payload, created_at) "
                + "VALUES ($1, $2, $3, now())")
        .execute(Tuple.of(notificationId, channelId, payload))
        .await()
        .atMost(PATIENCE);
    return notificationId;
  }

  private void awaitPublished(String notificationId) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      boolean published =
          pool.preparedQuery(
                  "SELECT published_at IS NOT NULL AS published FROM notification_outbox "
                      + "WHERE notification_id = $1")
              .execute(Tuple.of(notificationId))
              .await()
              .atMost(PATIENCE)
              .iterator()
              .next()
              .getBoolean("published");
      if (published) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Outbox row " + notificationId + " was never published");
  }

  /**
   * Everything published for the channel before this point has been consumed once it returns: a later notification
   * to the same channel travels on the same partition, behind every earlier record.
   */
  private void drainChannel(long channelId) throws InterruptedException {
    channels.awaitDelivery(channelId, channels.sendTest(channelId), "delivered");
  }

  private static List<Receiver.Request> carrying(Receiver receiver, String message) {
    return receiver.requests().stream().filter(r -> r.body().contains(message)).toList();
  }

  @Test
  void outboxRowLeftUnpublishedByACrashIsDeliveredExactlyOnce() throws Exception {
    long channelId = channels.create(Specs.slackChannel(first.url()));
    String message = "left in the outbox " + UUID.randomUUID();
    String notificationId = insertUnpublished(channelId, message);
    channels.awaitDelivery(channelId, notificationId, "delivered");
    awaitPublished(notificationId);
    drainChannel(channelId);
    assertEquals(1, carrying(first, message).size());
    assertEquals(1, channels.delivery(channelId, notificationId).getInt("attempts"));
  }

  @Test
  void notificationPublishedAgainIsDeliveredOnce() throws Exception {
    long channelId = channels.create(Specs.slackChannel(first.url()));
    String message = "published twice " + UUID.randomUUID();
    String notificationId = insertUnpublished(channelId, message);
    channels.awaitDelivery(channelId, notificationId, "delivered");
    awaitPublished(notificationId);
    // A relay that died after Kafka's acknowledgement, before marking the row: the row is published
    // again.
    pool.preparedQuery(
            "UPDATE notification_outbox SET published_at = NULL, claimed_until = NULL "
                + "WHERE notification_id = $1")
        .execute(Tuple.of(notificationId))
        .await()
        .atMost(PATIENCE);
    awaitPublished(notificationId);
    drainChannel(channelId);
    assertEquals(1, carrying(first, message).size());
    assertEquals(1, channels.delivery(channelId, notificationId).getInt("attempts"));
  }

  @Test
  void pendingDeliveryWhoseLeaseExpiredIsResumedAndCompleted() throws Exception {
    long channelId = channels.create(Specs.slackChannel(first.url()));
    String notificationId = "stuck-" + UUID.randomUUID();
    String message = "stuck mid-retry " + UUID.randomUUID();
    String payload =
        """
        {"id": "%s", "organizationId": %d, "channelId": %d, "event": "test",
         "alert": {"status": "test", "group": {}, "message": "%s", "dedupKey": "%s", "at": "2030-01-01T00:00:00Z"}}
        """
            .formatted(notificationId, tenant.organizationId(), channelId, message, notificationId);
    // The log line a replica leaves when it dies after two failed attempts: pending, its lease run
    // out.
    pool.preparedQuery(
            "INSERT INTO deliveries (notification_id, organization_id, channel_id, event, status, attempts, "
                + "error, payload, next_attempt_at, locked_until, created_at, updated_at) "
                + "VALUES ($1, $2, $3, 'test', 'pending', 2, 'The receiver answered 500', $4, now() - interval '1 minute', "
                + "now() - interval '1 second', now() - interval '2 minutes', now() - interval '1 minute')")
        .execute(Tuple.of(notificationId, tenant.organizationId(), channelId, payload))
        .await()
        .atMost(PATIENCE);
    channels.awaitDelivery(channelId, notificationId, "delivered");
    drainChannel(channelId);
    assertEquals(3, channels.delivery(channelId, notificationId).getInt("attempts"));
    assertEquals(1, carrying(first, message).size());
  }

  @Test
  void testNotificationReachesSlackOnceAsMessageBlocks() throws Exception {
    long channelId = channels.create(Specs.slackChannel(first.url()));
    String notificationId = channels.sendTest(channelId);
    Receiver.Request request = first.await(r -> true, 1, PATIENCE).get(0);
    JsonNode body = json.readTree(request.body());
    assertEquals("Test notification from appmetrics", body.at("/blocks/0/text/text").asText());
    assertEquals("application/json", request.headers().get("content-type"));
    channels.awaitDelivery(channelId, notificationId, "delivered");
    assertEquals(1, channels.delivery(channelId, notificationId).getInt("attempts"));
    assertEquals(1, first.requests().size());
  }

  @Test
  void receiverFailingThreeTimesThenSucceedingGetsExactlyOneDelivery() throws Exception {
    first.failingFirst(3);
    String secret = "webhook-secret-0123456789";
    long channelId = channels.create(Specs.webhookChannel(first.url(), secret));
    String notificationId = channels.sendTest(channelId);
    channels.awaitDelivery(channelId, notificationId, "delivered");
    JsonPath delivery = channels.delivery(channelId, notificationId);
    assertEquals(4, delivery.getInt("attempts"));
    assertEquals(200, delivery.getInt("responseStatus"));
    assertEquals(4, first.requests().size());
    List<Receiver.Request> accepted = first.accepted();
    assertEquals(1, accepted.size());
    Receiver.Request signed = accepted.get(0);
    long timestamp = Long.parseLong(signed.headers().get("x-appmetrics-timestamp"));
    assertEquals(
        WebhookSignature.sign(secret, timestamp, signed.body()),
        signed.headers().get("x-appmetrics-signature"));
    assertEquals(notificationId, json.readTree(signed.body()).get("id").asText());
  }

  @Test
  void receiverThatNeverAnswersDelaysNoOtherChannel() throws Exception {
    first.silent();
    long silentChannel = channels.create(Specs.slackChannel(first.url()));
    long healthyChannel = channels.create(Specs.slackChannel(second.url()));
    String stuck = channels.sendTest(silentChannel);
    first.await(r -> true, 1, PATIENCE);
    String healthy = channels.sendTest(healthyChannel);
    channels.awaitDelivery(healthyChannel, healthy, "delivered");
    // The silent receiver's first attempt is still waiting for its answer (the tests' request
    // timeout outlasts them)
    // while the other channel is served.
    JsonPath waiting = channels.delivery(silentChannel, stuck);
    assertEquals("pending", waiting.getString("status"));
    assertEquals(0, waiting.getInt("attempts"));
    assertEquals(1, first.requests().size());
  }
}
