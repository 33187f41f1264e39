package dev.appmetrics.monitor.support;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** A tenant's channels through the API: create one, send it a test notification, follow its delivery log. */
public record Channels(Tenant tenant) {

  /**
   * How long a delivery may take to reach a status; only a failing test waits this long. Generous, because a
   * rebalance of the test consumer group (a replica joining or leaving it) can hold up consumption for a session
   * timeout.
   */
  public static final Duration PATIENCE = Duration.ofMinutes(2);

  public long create(String body) {
    return tenant
        .api()
        .body(body)
        .post("/api/v1/channels")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** Sends a test notification through the normal delivery path; returns its notification id. */
  public String sendTest(long channelId) {
    return tenant
        .api()
        .post("/api/v1/channels/" + channelId + "/test")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath()
        .getString("notificationId");
  }

  public JsonPath delivery(long channelId, String notificationId) {
    return tenant
        .api()
        .get("/api/v1/channels/" + channelId + "/deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("find { it.notificationId == '" + notificationId + "' }");
  }

  public void awaitDelivery(long channelId, String notificationId, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (status.equals(delivery(channelId, notificationId).getString("status"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "Delivery "
            + notificationId
            + " never became "
            + status
            + ": "
            + tenant.api().get("/api/v1/channels/" + channelId + "/deliveries").asString());
  }
}
