package dev.appmetrics.monitor.support;

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
import java.util.List;
import java.util.Map;

/**
 * The real query-service, started from its packaged jar as a separate process on a free port against the test
 * ClickHouse database, so monitors are evaluated through the real query API. The reactor builds query-service
 * first; a module-only run needs {@code ./mvnw -B -ntp -q package -pl query-service -DskipTests} once.
 */
public class QueryServiceProcess implements QuarkusTestResourceLifecycleManager {

  private static final Path JAR = Path.of("..", "query-service", "target", "quarkus-app", "quarkus-run.jar");
  private static final String INTERNAL_TOKEN = "local-internal-token-change-me";

  private Process process;

  @Override
  public Map<String, String> start() {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build it with"
          + " ./mvnw -B -ntp -q package -pl query-service -DskipTests");
    }
    int port = freePort();
    File log = Path.of("target", "query-service-for-tests.log").toFile();
    try {
      process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m",
          "-Dquarkus.http.port=" + port,
          "-Dquarkus.http.host=127.0.0.1",
          "-Dappmetrics.clickhouse.database=appmetrics_test",
          "-Dappmetrics.internal-token=" + INTERNAL_TOKEN,
          "-jar", JAR.toString()))
          .redirectErrorStream(true).redirectOutput(log).start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start query-service", e);
    }
    String url = "http://127.0.0.1:" + port;
    awaitReady(url, log);
    return Map.of("quarkus.rest-client.query-service.url", url, "appmetrics.internal-token", INTERNAL_TOKEN);
  }

  @Override
  public void stop() {
    if (process != null) {
      process.destroy();
    }
  }

  private void awaitReady(String url, File log) {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("query-service exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
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
    process.destroy();
    throw new IllegalStateException("query-service was not ready within 120 s; see " + log);
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
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
