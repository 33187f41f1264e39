package dev.appmetrics.monitor.channel;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.testing.GrantPublisher;
import dev.appmetrics.monitor.notification.WebhookSignature;
import dev.appmetrics.monitor.support.Channels;
import dev.appmetrics.monitor.support.Receiver;
import dev.appmetrics.monitor.support.Specs;
import dev.appmetrics.monitor.support.Tenant;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channel targets and secrets through the API: secrets (a Slack webhook URL among them) masked in every read, an
 * update sending the masks back keeping the stored secrets (the receivers still get them), targets refused by port
 * and address, and every delivery attempt connecting to the address it checked.
 */
@QuarkusTest
class ChannelApiTest {

  private static final String ROUTING_KEY = "R0UT1NGKEY0000000000000000WXYZ";
  private static final String WEBHOOK_SECRET = "webhook-secret-abcdefgh";

  @Inject GrantPublisher grants;

  @Inject Vertx vertx;

  @Inject ObjectMapper json;

  Tenant tenant;
  Channels channels;
  Receiver receiver;

  @BeforeEach
  void tenantWithAReceiver() throws Exception {
    tenant = Tenant.create(grants);
    channels = new Channels(tenant);
    receiver = Receiver.start(vertx);
  }

  @AfterEach
  void stopReceiver() throws Exception {
    receiver.close();
  }

  /** Sends the channel (whose URL ends in {@code path}) a test notification; what its receiver got. */
  private Receiver.Request testDelivery(long channelId, String path) throws Exception {
    channels.awaitDelivery(channelId, channels.sendTest(channelId), "delivered");
    return receiver
        .await(
            r -> r.path().equals(URI.create(receiver.url() + path).getPath()), 1, Channels.PATIENCE)
        .get(0);
  }

  @Test
  void secretsAreMaskedInEveryRead() {
    channels.create(Specs.webhookChannel(receiver.url(), WEBHOOK_SECRET));
    channels.create(Specs.pagerDutyChannel(receiver.url()));
    tenant
        .api()
        .get("/api/v1/channels")
        .then()
        .statusCode(200)
        .body("items[0].config.secret", equalTo("****efgh"))
        .body("items[0].config.url", equalTo(receiver.url()))
        .body("items[1].config.routingKey", equalTo("****0000"));
  }

  /** Whoever has a Slack incoming webhook URL can post to the channel: the URL is the credential. */
  @Test
  void slackWebhookUrlIsMaskedInEveryRead() {
    String url = receiver.url() + "/T000/B000/XXXXsecret";
    long id =
        tenant
            .api()
            .body(Specs.slackChannel(url))
            .post("/api/v1/channels")
            .then()
            .statusCode(201)
            .body("config.url", equalTo("****cret"))
            .extract()
            .jsonPath()
            .getLong("id");
    tenant
        .api()
        .get("/api/v1/channels/" + id)
        .then()
        .statusCode(200)
        .body("config.url", equalTo("****cret"));
    tenant
        .api()
        .get("/api/v1/channels")
        .then()
        .statusCode(200)
        .body("items[0].config.url", equalTo("****cret"));
    tenant
        .api()
        .body(Specs.slackChannel(url))
        .put("/api/v1/channels/" + id)
        .then()
        .statusCode(200)
        .body("config.url", equalTo("****cret"));
  }

  /** What a client does that reads a channel, changes its name and saves what it read. */
  @Test
  void anUpdateSendingTheMasksBackKeepsTheStoredSecrets() throws Exception {
    long pagerDuty =
        channels.create(
            Specs.pagerDutyChannel(receiver.url() + "/pagerduty")
                .replace("R0UT1NGKEY000000000000000000000", ROUTING_KEY));
    long slack = channels.create(Specs.slackChannel(receiver.url() + "/slack"));
    long webhook =
        channels.create(Specs.webhookChannel(receiver.url() + "/webhook", WEBHOOK_SECRET));
    for (long id : List.of(pagerDuty, slack, webhook)) {
      Map<String, Object> read =
          tenant
              .api()
              .get("/api/v1/channels/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap("");
      read.put("name", "renamed");
      tenant
          .api()
          .body(read)
          .put("/api/v1/channels/" + id)
          .then()
          .statusCode(200)
          .body("name", equalTo("renamed"));
    }
    assertEquals(
        ROUTING_KEY,
        json.readTree(testDelivery(pagerDuty, "/pagerduty").body()).get("routing_key").asText());
    testDelivery(slack, "/slack");
    Receiver.Request signed = testDelivery(webhook, "/webhook");
    long timestamp = Long.parseLong(signed.headers().get("x-appmetrics-timestamp"));
    assertEquals(
        WebhookSignature.sign(WEBHOOK_SECRET, timestamp, signed.body()),
        signed.headers().get("x-appmetrics-signature"));
  }

  @Test
  void anUpdateWithSomeOtherMaskIsRefusedAndStoresNothing() throws Exception {
    long id = channels.create(Specs.pagerDutyChannel(receiver.url()));
    tenant
        .api()
        .body(
            Specs.pagerDutyChannel(receiver.url())
                .replace("R0UT1NGKEY000000000000000000000", "****WXYZ"))
        .put("/api/v1/channels/" + id)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "config.routingKey is masked ('****WXYZ') but is not the stored one's mask: send the whole value"));
    assertEquals(
        "R0UT1NGKEY000000000000000000000",
        json.readTree(testDelivery(id, "").body()).get("routing_key").asText());
  }

  @Test
  void refusesTargetsOnNoPortOrNoUsableAddress() {
    for (String url : List.of("http://127.0.0.1:0/hook", "http://127.0.0.1:99999/hook")) {
      tenant
          .api()
          .body(Specs.slackChannel(url))
          .post("/api/v1/channels")
          .then()
          .statusCode(400)
          .body(
              "message",
              equalTo(
                  "config.url port must be between 1 and 65535, not " + URI.create(url).getPort()));
    }
    // The tests allow private targets, as the local stack does; these are refused all the same.
    for (String host :
        List.of("0.0.0.0", "0.1.2.3", "255.255.255.255", "240.0.0.1", "[::]", "[2002::]")) {
      tenant
          .api()
          .body(Specs.slackChannel("http://" + host + ":8080/hook"))
          .post("/api/v1/channels")
          .then()
          .statusCode(400)
          .body("code", equalTo("bad_request"));
    }
    tenant
        .api()
        .body(Specs.slackChannel("ftp://example.com/hook"))
        .post("/api/v1/channels")
        .then()
        .statusCode(400)
        .body("message", equalTo("config.url must use http or https"));
  }

  /** Answers one name no DNS knows with the receiver's loopback address, counting the lookups. */
  static class StandInDns extends HostResolver {
    static final String NAME = "receiver.appmetrics.test";
    final AtomicInteger lookups = new AtomicInteger();

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      if (!host.equals(NAME)) {
        return super.resolve(host);
      }
      lookups.incrementAndGet();
      return List.of(InetAddress.getByName("127.0.0.1"));
    }
  }

  /**
   * The name reaches the receiver only through the address the check resolved (the HTTP client cannot resolve it),
   * carrying the name as Host header; the save and the one attempt make exactly one lookup each.
   */
  @Test
  void eachAttemptConnectsToTheAddressItCheckedWithOneLookup() throws Exception {
    StandInDns dns = new StandInDns();
    QuarkusMock.installMockForType(dns, HostResolver.class);
    int port = URI.create(receiver.url()).getPort();
    long id =
        channels.create(Specs.slackChannel("http://" + StandInDns.NAME + ":" + port + "/hook"));
    assertEquals(1, dns.lookups.get());
    assertEquals(StandInDns.NAME + ":" + port, testDelivery(id, "").headers().get("host"));
    assertEquals(2, dns.lookups.get());
  }
}
