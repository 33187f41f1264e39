package dev.appmetrics.ingest.writer;

import dev.appmetrics.common.testing.OwnClickHouse;
import dev.appmetrics.common.testing.Processes;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A private Kafka broker and ClickHouse server on free loopback ports, started from the same binaries as the local
 * stack (the Kafka jars in .stack/kafka-libs, clickhouse-server on the PATH), so a test may restart them without
 * touching the shared stack other tests use. A missing binary fails the test with its name: it never skips.
 */
public class OwnStack implements QuarkusTestResourceLifecycleManager {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path KAFKA_LIBS = ROOT.resolve(".stack/kafka-libs");

  private static OwnStack current;

  private Path home;
  private int kafkaPort;
  private int controllerPort;
  private Process kafka;
  private OwnClickHouse clickHouse;

  static OwnStack current() {
    return current;
  }

  @Override
  public Map<String, String> start() {
    if (!Files.isDirectory(KAFKA_LIBS)) {
      throw new IllegalStateException(
          "The fault test needs the Kafka broker jars in "
              + KAFKA_LIBS
              + ": run it through ./platform test, which resolves them");
    }
    try {
      home = Files.createTempDirectory("ingest-own-stack");
      kafkaPort = freePort();
      controllerPort = freePort();
      writeKafkaConfig();
      clickHouse = new OwnClickHouse("");
      run(
          List.of(
              java(),
              "-cp",
              KAFKA_LIBS + "/*",
              "kafka.tools.StorageTool",
              "format",
              "--standalone",
              "-t",
              Uuid.randomUuid().toString(),
              "-c",
              home.resolve("kafka.properties").toString()),
          home.resolve("kafka-format.log"));
      startKafka();
      startClickHouse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    current = this;
    return Map.of(
        "kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort,
        "appmetrics.clickhouse.url", clickHouse.url(),
        "appmetrics.clickhouse.database", "appmetrics_fault",
        "appmetrics.ingest.writer.consumer-group", "fault-test-writer",
        // Short enough that a restart is noticed quickly, long enough to ride through one.
        "appmetrics.ingest.writer.retry-backoff", "500ms");
  }

  @Override
  public void stop() {
    stopKafka();
    clickHouse.close();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    current = null;
  }

  void startKafka() throws IOException {
    kafka =
        new ProcessBuilder(
                java(),
                "-Xms128m",
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + ROOT.resolve("scripts/kafka/log4j2.properties"),
                "-cp",
                KAFKA_LIBS + "/*",
                "kafka.Kafka",
                home.resolve("kafka.properties").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("kafka.log").toFile()))
            .start();
    waitFor(
        "Kafka",
        () ->
            portOpen(kafkaPort)
                && Files.readString(home.resolve("kafka.log")).contains("Kafka Server started"));
  }

  void stopKafka() {
    Processes.stop(kafka);
    kafka = null;
  }

  void startClickHouse() {
    clickHouse.start();
  }

  void stopClickHouse() {
    clickHouse.stop();
  }

  private void writeKafkaConfig() throws IOException {
    Files.writeString(
        home.resolve("kafka.properties"),
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:"
                + kafkaPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + home.resolve("kafka-data"),
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=4",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            ""));
  }

  private interface Check {
    boolean ok() throws IOException, InterruptedException;
  }

  private void waitFor(String what, Check check) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
        Thread.sleep(250);
      } catch (IOException e) {
        // Not up yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(what + " did not start within 90 s; see the logs in " + home);
  }

  private static void run(List<String> command, Path log) throws IOException {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean portOpen(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  static Duration restartPause() {
    return Duration.ofSeconds(3);
  }
}
