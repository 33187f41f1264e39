package dev.appmetrics.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local ClickHouse cluster of scripts/cluster.sh: 2 shards x 2 replicas of clickhouse-server with ZooKeeper,
 * named {@value #NAME}. A test that needs it calls {@link #ensureRunning}: when it is not running (a test run of one
 * module), {@code ./platform cluster up} starts it and this JVM stops it when it exits; when it runs (started by
 * {@code ./platform test} for every module), it is used as it is.
 */
public final class LocalCluster {

  public static final String NAME = "appmetrics_cluster";

  /** s(hard)r(eplica), in the order of scripts/cluster.sh, which gives node i HTTP port 8201 + i. */
  public static final List<String> NODES = List.of("s1r1", "s1r2", "s2r1", "s2r2");

  private static boolean started;

  private LocalCluster() {}

  public static String url(String node) {
    int index = NODES.indexOf(node);
    if (index < 0) {
      throw new IllegalArgumentException("No cluster node " + node);
    }
    return "http://127.0.0.1:" + (8201 + index);
  }

  public static synchronized void ensureRunning() {
    if (!started && !allAnswer()) {
      platform("up");
      started = true;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> platform("down")));
    }
  }

  /** Starts again what of the cluster is not running (a node a test killed), leaving the rest as it is. */
  public static void startStopped() {
    platform("up");
  }

  /** kill -9 of one server: no shutdown, as when its machine dies. */
  public static void kill(String node) {
    try {
      long pid =
          Long.parseLong(
              Files.readString(OwnClickHouse.ROOT.resolve(".stack/run/cluster-" + node + ".pid"))
                  .strip());
      ProcessHandle process =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IllegalStateException(node + " is not running"));
      process.destroyForcibly();
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not kill cluster node " + node, e);
    }
  }

  /** A statement on one server of the cluster, in the test database; its answer, stripped. */
  public static String query(String node, String sql) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url(node) + "/?database=appmetrics_test"))
                      .timeout(Duration.ofSeconds(120))
                      .POST(HttpRequest.BodyPublishers.ofString(sql))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            node + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().strip();
    } catch (IOException e) {
      throw new UncheckedIOException(node + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean allAnswer() {
    HttpClient http = HttpClient.newHttpClient();
    return NODES.stream()
        .allMatch(
            node -> {
              try {
                return http.send(
                            HttpRequest.newBuilder(URI.create(url(node) + "/ping")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
  }

  private static void platform(String command) {
    Path root = OwnClickHouse.ROOT;
    try {
      Files.createDirectories(root.resolve(".stack"));
      Process process =
          new ProcessBuilder(root.resolve("platform").toString(), "cluster", command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(
                      root.resolve(".stack/cluster-platform.log").toFile()))
              .start();
      if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "./platform cluster " + command + " failed; see .stack/cluster-platform.log");
      }
    } catch (IOException e) {
      throw new IllegalStateException("./platform cluster " + command + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
