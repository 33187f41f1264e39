package dev.appmetrics.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of this repository's services started from its build on a free loopback port, with its own %test profile (its
 * test databases, its test consumer groups) and settings of the test's own: secrets (a packaged service refuses the
 * ones the profile ships) and the addresses of the other processes. The reactor builds the services before
 * dashboard-service; a module-only run needs {@code ./mvnw -B -ntp -q package -pl <module> -DskipTests} beforehand.
 */
public final class ServiceProcess {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final String module;
  private final Map<String, String> settings;
  private final Path log;
  private Path copy;
  private Process process;
  private String url;

  /** {@code module}: the service's Maven module; {@code settings}: system properties on top of its %test profile. */
  public ServiceProcess(String module, Map<String, String> settings) {
    this(module, module + "-for-tests", settings);
  }

  /** One of several instances of a module, told apart by {@code name}: its log is target/{@code name}.log. */
  public ServiceProcess(String module, String name, Map<String, String> settings) {
    this.module = module;
    this.settings = settings;
    this.log = Path.of("target", name + ".log");
  }

  /** Starts the service and waits until it is ready; returns its base URL. */
  public String start() {
    Path build = Path.of("..", module, "target", "quarkus-app");
    if (!Files.isRegularFile(build.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(
          "No "
              + module
              + " build at "
              + build.toAbsolutePath()
              + ": run ./mvnw -B -ntp -q package -pl "
              + module
              + " -DskipTests first");
    }
    int port = freePort();
    try {
      // The service loads its classes lazily: rebuilding the module while a test runs must not
      // change them.
      copy = Files.createTempDirectory(Path.of("target"), module + "-");
      copyTree(build, copy.resolve("quarkus-app"));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-Dquarkus.profile=test",
                  "-Dquarkus.http.host=127.0.0.1",
                  "-Dquarkus.http.port=" + port));
      settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
      command.addAll(
          List.of("-jar", copy.resolve("quarkus-app").resolve("quarkus-run.jar").toString()));
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + module, e);
    }
    url = "http://127.0.0.1:" + port;
    awaitReady();
    return url;
  }

  public String url() {
    return url;
  }

  /** What the service printed: its log, kept in the module's target folder. */
  public Path log() {
    return log;
  }

  public void stop() {
    Processes.stop(process);
    removeCopy();
  }

  /** kill -9: no shutdown hook runs and nothing is flushed or committed, as when the service's machine dies. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    removeCopy();
  }

  private void removeCopy() {
    process = null;
    if (copy != null) {
      deleteTree(copy);
      copy = null;
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            module + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (answersOk(http, ready)) {
          return;
        }
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop();
    throw new IllegalStateException(
        module + " was not ready within " + START_TIMEOUT + "; see " + log);
  }

  private static boolean answersOk(HttpClient http, HttpRequest request)
      throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // Not listening yet.
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
