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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private ClickHouse server on free loopback ports, from the same clickhouse-server binary as the local stack, for a
 * test that restarts it or needs server settings of its own without touching the shared server other tests use.
 */
public final class OwnClickHouse implements AutoCloseable {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private final Path home;
  private final int httpPort;
  private Process process;

  /** {@code serverSettings}: extra top-level elements of the server's configuration, e.g. a keep_alive_timeout. */
  public OwnClickHouse(String serverSettings) {
    try {
      home = Files.createTempDirectory("own-clickhouse");
      httpPort = freePort();
      writeConfig(serverSettings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public OwnClickHouse start() {
    try {
      process =
          new ProcessBuilder("clickhouse-server", "--config-file=" + home.resolve("clickhouse.xml"))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(home.resolve("clickhouse.out").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "clickhouse-server could not be started (./platform installs it): " + e.getMessage(), e);
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!process.isAlive()) {
        break;
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "ClickHouse did not start within 90 s; see the logs in " + home);
  }

  public void stop() {
    Processes.stop(process);
    process = null;
  }

  /** Stops the server and deletes its data. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeConfig(String serverSettings) throws IOException {
    Path data = home.resolve("data");
    Files.createDirectories(data);
    Files.copy(ROOT.resolve("scripts/clickhouse/users.xml"), home.resolve("users.xml"));
    Files.writeString(
        home.resolve("clickhouse.xml"),
        """
        <?xml version="1.0"?>
        <yandex>
          <logger><level>warning</level><log>%1$s/clickhouse.log</log><errorlog>%1$s/clickhouse.err.log</errorlog></logger>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <interserver_http_port>%4$d</interserver_http_port>
          <listen_host>127.0.0.1</listen_host>
          <max_concurrent_queries>40</max_concurrent_queries>
          <mark_cache_size>134217728</mark_cache_size>
          <path>%5$s/</path>
          <tmp_path>%5$s/tmp/</tmp_path>
          <user_files_path>%5$s/user_files/</user_files_path>
          <format_schema_path>%5$s/format_schemas/</format_schema_path>
          <users_config>users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <timezone>UTC</timezone>
          <mlock_executable>false</mlock_executable>
          %6$s
        </yandex>
        """
            .formatted(home, httpPort, freePort(), freePort(), data, serverSettings));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
