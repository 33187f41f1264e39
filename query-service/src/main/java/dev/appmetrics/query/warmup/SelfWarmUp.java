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
 * (scripts/bench-warm-start.sh).
 *
 * <p>The requests read real rows where there are some, since decoding rows, assembling series and writing non-empty
 * answers only run on rows: the busiest distribution metric of the last hour ({@link WarmUpTargets}), over that
 * hour. Its project must already be in the credential store, active and of the organization its events carry; the
 * warm-up then adds only a token of that organization with the READ scope, random, held in this process's
 * credential store alone (never published, never logged) and revoked when the warm-up ends. That is safe: the token
 * can do nothing a READ token of the organization could not, it is unknown outside this process, every request it
 * makes is answered only to the warm-up (over loopback, then dropped), and the store's projects, the mapping from
 * project to organization that every caller's access rests on, are left exactly as published. With no such project
 * (an empty database) the requests read project 0 of organization 0, which holds no events (project ids start at
 * 1), granted and revoked with the token. A warm-up that fails is logged and ends: it never keeps a replica from
 * becoming ready.
 */
@ApplicationScoped
public class SelfWarmUp {

  static final long PROJECT = WarmUpTarget.EMPTY.project();
  private static final Logger LOG = Logger.getLogger(SelfWarmUp.class);
  private static final Duration SCHEMA_WAIT = Duration.ofMinutes(10);

  private final CredentialStore credentials;
  private final WarmUpTargets targets;
  private final ClickHouseMigrations migrations;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final ValueRegistry values;
  private final int rounds;
  private volatile int answered;
  private volatile boolean onEvents;
  private volatile boolean done;

  public SelfWarmUp(
      CredentialStore credentials,
      WarmUpTargets targets,
      ClickHouseMigrations migrations,
      ObjectMapper json,
      Vertx vertx,
      ValueRegistry values,
      QueryConfig config) {
    this.credentials = credentials;
    this.targets = targets;
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

  /** True when the warm-up reads the busiest project of the last hour rather than the empty project 0. */
  public boolean onEvents() {
    return onEvents;
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
    WarmUpTarget target = WarmUpTarget.EMPTY;
    try {
      awaitSchema();
      target = targets.pick();
      onEvents = target.known();
      grant(target, token);
      send(port(configuredPort), target, token);
      LOG.infof(
          "Warm-up: %d of %d requests on %s answered in %d ms",
          answered,
          requests(),
          onEvents ? "the busiest project of the last hour" : "the empty project 0",
          (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException | InterruptedException e) {
      LOG.warnf(
          "Warm-up ended early after %d of %d requests (%s); the replica serves cold",
          answered, requests(), e.getMessage());
    } finally {
      revoke(target, token);
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

  /**
   * Over the last hour: on the busiest project a day of the requests' scans would take ClickHouse minutes, and an
   * hour runs the same code.
   */
  private void send(int port, WarmUpTarget target, String token) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<WarmUpRequest> requests =
        WarmUpRequest.typical(target, end.minus(Duration.ofHours(1)), end);
    WebClient client = WebClient.create(vertx);
    try {
      for (int i = 0; i < requests(); i++) {
        WarmUpRequest request = requests.get(i % requests.size());
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

  private void grant(WarmUpTarget target, String token) {
    if (!target.known()) {
      apply(
          "project/" + target.project(),
          new ProjectGrant(target.project(), target.organization(), "warm-up", true));
    }
    apply(
        "token/" + TokenHash.sha256(token),
        new TokenGrant(
            TokenHash.sha256(token),
            0,
            target.organization(),
            Set.of(Scope.READ),
            true,
            "query-service warm-up"));
  }

  private void revoke(WarmUpTarget target, String token) {
    credentials.apply("token/" + TokenHash.sha256(token), null);
    if (!target.known()) {
      credentials.apply("project/" + target.project(), null);
    }
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
}
