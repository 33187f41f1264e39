package dev.appmetrics.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real query-service for tests of the services that call it (monitors, the UI), started from its built jar on a
 * free port against the ClickHouse test database: no stand-in for our own query engine. The reactor builds it first;
 * a module-only run needs {@code ./mvnw -B -ntp -q package -pl query-service -DskipTests} beforehand.
 */
public abstract class QueryServiceProcess implements QuarkusTestResourceLifecycleManager {

  private static final Path JAR = Path.of("..", "query-service", "target", "quarkus-app", "quarkus-run.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** monitor-service's credential at this query-service, generated: production refuses the shipped one. */
  protected final String monitorToken = "amt_service_" + UUID.randomUUID();

  private Process process;

  @Override
  public Map<String, String> start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("No query-service build at " + JAR.toAbsolutePath()
          + ": run ./mvnw -B -ntp -q package -pl query-service -DskipTests first");
    }
    int port = freePort();
    Path log = Path.of("target", "query-service-for-tests.log");
    try {
      process = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx384m",
          "-Dquarkus.http.port=" + port,
          "-Dquarkus.http.host=127.0.0.1",
          "-Dappmetrics.clickhouse.database=appmetrics_test",
          // Production requires its secrets and refuses the shipped ones: this process's own, at random.
          "-Dappmetrics.query.cursor-secret=" + UUID.randomUUID() + UUID.randomUUID(),
          "-Dappmetrics.auth.service-callers.monitor.token=" + monitorToken,
          "-jar", JAR.toAbsolutePath().toString()))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start query-service", e);
    }
    awaitReady(port, log.toFile());
    return config("http://127.0.0.1:" + port);
  }

  /** The calling service's configuration pointing at the started query-service. */
  protected abstract Map<String, String> config(String queryServiceUrl);

  @Override
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private void awaitReady(int port, File log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("query-service exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep();
    }
    stop();
    throw new IllegalStateException("query-service was not ready within " + START_TIMEOUT + "; see " + log);
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
