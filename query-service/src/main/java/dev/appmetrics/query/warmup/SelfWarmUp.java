package dev.appmetrics.query.warmup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.TokenGrant;
import dev.appmetrics.common.auth.Scope;
import dev.appmetrics.common.auth.TokenHash;
import dev.appmetrics.common.clickhouse.ClickHouseMigrations;
import dev.appmetrics.query.config.QueryConfig;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Before a new replica reports ready, it sends itself the Explorer's typical requests over loopback, through the whole
 * request path (HTTP, authentication, planning, ClickHouse, the answer's JSON), so that the JIT has compiled that path
 * before the first user's request: a cold JVM spends about twice the CPU per request on its first thousand
 * (scripts/bench-warm-start.sh). The requests read the warm-up project 0 of organization 0, which holds no events
 * (project ids start at 1), with a token that exists only in this process's credential store and only while the
 * warm-up runs. A warm-up that fails is logged and ends: it never keeps a replica from becoming ready.
 */
@ApplicationScoped
public class SelfWarmUp {

  static final long PROJECT = 0;
  private static final Logger LOG = Logger.getLogger(SelfWarmUp.class);
  private static final long ORGANIZATION = 0;
  private static final Duration SCHEMA_WAIT = Duration.ofMinutes(10);

  private final CredentialStore credentials;
  private final ClickHouseMigrations migrations;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final ValueRegistry values;
  private final int rounds;
  private volatile int answered;
  private volatile boolean done;

  public SelfWarmUp(
      CredentialStore credentials,
      ClickHouseMigrations migrations,
      ObjectMapper json,
      Vertx vertx,
      ValueRegistry values,
      QueryConfig config) {
    this.credentials = credentials;
    this.migrations = migrations;
    this.json = json;
    this.vertx = vertx;
    this.values = values;
    this.rounds = config.warmUpRounds();
    this.done = rounds == 0;
  }

  /** True once the warm-up has ended, well or not; readiness waits for it. */
  public boolean isDone() {
    return done;
  }

  /** Requests answered 200 so far, of {@link #requests()}. */
  public int answered() {
    return answered;
  }

  public int requests() {
    return rounds * 3;
  }

  /** Once the server listens, on a thread of its own: requests wait for answers. */
  void start(@ObservesAsync HttpServerStart server) {
    if (!done) {
      int configured = server.options().getPort();
      Thread thread = new Thread(() -> warmUp(configured), "query-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * The configured port, or with 0 configured (tests) the one the server took, which Quarkus publishes as the local
   * base URI around the time it announces the start.
   */
  private int port(int configured) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (configured <= 0 && !values.containsKey(HttpServer.LOCAL_BASE_URI)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the HTTP port the server took is unknown");
      }
      Thread.sleep(100);
    }
    return configured > 0 ? configured : values.get(HttpServer.LOCAL_BASE_URI).getPort();
  }

  private void warmUp(int configuredPort) {
    long started = System.nanoTime();
    String token = randomToken();
    try {
      awaitSchema();
      grant(token);
      send(port(configuredPort), token);
      LOG.infof(
          "Warm-up: %d of %d requests answered in %d ms",
          answered, requests(), (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException | InterruptedException e) {
      LOG.warnf(
          "Warm-up ended early after %d of %d requests (%s); the replica serves cold",
          answered, requests(), e.getMessage());
    } finally {
      revoke(token);
      done = true;
    }
  }

  private void awaitSchema() throws InterruptedException {
    long deadline = System.nanoTime() + SCHEMA_WAIT.toNanos();
    while (!migrations.isApplied(ClickHouseMigrations.CURRENT)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ClickHouse schema is not there");
      }
      Thread.sleep(500);
    }
  }

  private void send(int port, String token) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<Request> requests = Request.typical(end.minus(Duration.ofHours(24)), end);
    WebClient client = WebClient.create(vertx);
    try {
      for (int i = 0; i < requests(); i++) {
        Request request = requests.get(i % requests.size());
        int status =
            client
                .post(port, "127.0.0.1", request.path())
                .bearerTokenAuthentication(token)
                .sendJsonObject(request.body())
                .await()
                .atMost(Duration.ofSeconds(30))
                .statusCode();
        if (status != 200) {
          throw new IllegalStateException(request.path() + " answered " + status);
        }
        answered++;
      }
    } finally {
      client.close();
    }
  }

  private void grant(String token) {
    apply("project/" + PROJECT, new ProjectGrant(PROJECT, ORGANIZATION, "warm-up", true));
    apply(
        "token/" + TokenHash.sha256(token),
        new TokenGrant(
            TokenHash.sha256(token),
            0,
            ORGANIZATION,
            Set.of(Scope.READ),
            true,
            "query-service warm-up"));
  }

  private void revoke(String token) {
    credentials.apply("token/" + TokenHash.sha256(token), null);
    credentials.apply("project/" + PROJECT, null);
  }

  private void apply(String key, Object grant) {
    try {
      credentials.apply(key, json.writeValueAsString(grant));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** One of the Explorer's typical requests: a grouped percentile, counts with an equation, a samples page. */
  private record Request(String path, JsonObject body) {

    static List<Request> typical(Instant start, Instant end) {
      String range =
          "\"projects\": [" + PROJECT + "], \"start\": \"" + start + "\", \"end\": \"" + end + "\"";
      return List.of(
          new Request(
              "/api/v1/query/timeseries",
              new JsonObject(
                  "{"
                      + range
                      + ", \"queries\": [{\"label\": \"A\","
                      + " \"metric\": \"warm.up\", \"aggregate\": \"p95\", \"groupBy\": [\"region\"]}]}")),
          new Request(
              "/api/v1/query/timeseries",
              new JsonObject(
                  "{"
                      + range
                      + ", \"queries\": ["
                      + "{\"label\": \"A\", \"metric\": \"warm.up\", \"aggregate\": \"count\", \"filter\": \"value:<100\"},"
                      + "{\"label\": \"B\", \"metric\": \"warm.up\", \"aggregate\": \"count\"}],"
                      + " \"equations\": [{\"label\": \"f1\", \"expression\": \"A / B\"}]}")),
          new Request(
              "/api/v1/query/samples",
              new JsonObject(
                  "{"
                      + range
                      + ", \"metric\": \"warm.up\","
                      + " \"filter\": \"region:eu\", \"limit\": 50}")));
    }
  }
}
