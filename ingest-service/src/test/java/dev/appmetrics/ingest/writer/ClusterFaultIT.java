package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.common.auth.Grants.ProjectKeyGrant;
import dev.appmetrics.common.testing.LocalCluster;
import dev.appmetrics.common.testing.OnLocalCluster;
import dev.appmetrics.common.testing.ServiceProcess;
import dev.appmetrics.common.testing.TopicGrants;
import dev.appmetrics.ingest.support.AcknowledgingClients;
import dev.appmetrics.ingest.support.AcknowledgingClients.Destination;
import dev.appmetrics.ingest.support.OwnTopicsOnTheCluster;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode under faults, every part a process of its own: two instances of the packaged ingest-service (HTTP and
 * the writer, in one consumer group sharing the topics' partitions) on the local cluster (2 shards x 2 replicas).
 * While clients send metrics and spans of projects on every partition to both, one replica of shard 2 is killed with
 * SIGKILL and later restarted, and one instance is killed with SIGKILL in the middle of its work (its last insert
 * possibly stored, its offsets not committed) and started again. Every acknowledged event is stored exactly once, the
 * Distributed tables answer throughout the replica's outage, and the restarted replica catches up with its sibling.
 * A failsafe test: it runs the jar that {@code package} builds after the unit tests.
 */
class ClusterFaultIT {

  private static final String KILLED = "s2r1";
  private static final String SIBLING = "s2r2";
  private static final Map<String, String> SETTINGS =
      new OwnTopicsOnTheCluster().getConfigOverrides();
  private static final Pattern SKIPPED =
      Pattern.compile(
          "appmetrics_writer_rows_total\\{[^}]*outcome=\"duplicate_skipped\"[^}]*} ([0-9.E]+)");

  /** Every instance this class started, stopped at the end whatever happened. */
  private static final List<ServiceProcess> STARTED = new CopyOnWriteArrayList<>();

  private static String kafka;

  /** The base URLs of the running instances: the clients' load balancer. */
  private final List<String> targets = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void cluster() throws Exception {
    LocalCluster.ensureRunning();
    Properties profile = new Properties();
    try (InputStream in = ClusterFaultIT.class.getResourceAsStream("/application.properties")) {
      profile.load(in);
    }
    kafka = profile.getProperty("kafka.bootstrap.servers");
  }

  @AfterAll
  static void stopInstances() {
    STARTED.forEach(ServiceProcess::stop);
    // The killed replica again, should the test have failed before it restarted it.
    LocalCluster.startStopped();
  }

  @Test
  void everyAcknowledgedEventIsStoredOnceWhileAReplicaAndAWriterProcessAreKilledAndComeBack()
      throws Exception {
    CompletableFuture<ServiceProcess> startingB = CompletableFuture.supplyAsync(() -> start("b"));
    ServiceProcess a = start("a");
    ServiceProcess b = startingB.join();
    List<Long> projects = projectsOnEveryPartition();
    String projectIds = projects.stream().map(String::valueOf).collect(Collectors.joining(","));
    AtomicInteger requests = new AtomicInteger();
    AcknowledgingClients clients =
        AcknowledgingClients.start(
            4,
            () -> {
              long project = projects.get(ThreadLocalRandom.current().nextInt(projects.size()));
              return new Destination(
                  targets.get(requests.getAndIncrement() % targets.size()), project, key(project));
            });

    clients.awaitProgress(1_000);
    LocalCluster.kill(KILLED);
    long killedAt = System.nanoTime();
    List<Long> outageQueryMillis = new ArrayList<>();
    while (System.nanoTime() - killedAt < Duration.ofSeconds(8).toNanos()) {
      long started = System.nanoTime();
      long rows =
          Long.parseLong(
              query("SELECT count() FROM metric_events WHERE project_id IN (" + projectIds + ")"));
      outageQueryMillis.add((System.nanoTime() - started) / 1_000_000);
      assertTrue(rows > 0, "the Distributed table answers from the killed replica's sibling");
      Thread.sleep(200);
    }
    clients.awaitProgress(1_000);
    targets.remove(b.url());
    b.kill();
    long writerKilledAt = System.nanoTime();
    clients.awaitProgress(1_000);
    b = start("b-restarted");
    long writerBackAt = System.nanoTime();
    clients.awaitProgress(1_000);
    LocalCluster.startStopped();
    long restartedAt = System.nanoTime();
    clients.awaitProgress(1_000);
    clients.stop();

    assertTrue(
        clients.acknowledgedMetrics() >= 4_000 && clients.acknowledgedSpans() >= 4_000,
        "the clients kept sending throughout");
    clients.assertStoredExactlyOnce("metric_events", projectIds, ClusterFaultIT::query);
    clients.assertStoredExactlyOnce("spans", projectIds, ClusterFaultIT::query);
    long drainedAt = System.nanoTime();
    assertEquals(
        String.valueOf(partitions()),
        query(
            "SELECT uniqExact(kafka_partition) FROM metric_events WHERE "
                + "project_id IN ("
                + projectIds
                + ")"),
        "the projects' events came through every "
            + "partition, so both instances had some to insert");
    for (String table : List.of("metric_events_local", "spans_local")) {
      LocalCluster.query(KILLED, "SYSTEM SYNC REPLICA " + table);
      assertEquals(
          LocalCluster.query(SIBLING, "SELECT count() FROM " + table),
          LocalCluster.query(KILLED, "SELECT count() FROM " + table),
          "the restarted replica holds every row of its shard in " + table);
    }
    System.out.printf(
        "Cluster fault test: queries through the Distributed table during the replica's outage took %s "
            + "ms; the restarted replica found complete %d ms after its restart (checked after the drain, so an upper "
            + "bound); the killed writer's successor was ready %d ms "
            + "after the kill, every acknowledged event stored %d ms after it; rows found stored and skipped: %s (a), %s "
            + "(b restarted)%n",
        outageQueryMillis,
        (System.nanoTime() - restartedAt) / 1_000_000,
        (writerBackAt - writerKilledAt) / 1_000_000,
        (drainedAt - writerKilledAt) / 1_000_000,
        skipped(a),
        skipped(b));
  }

  /** One more instance of the packaged service, configured as the cluster tests' profile configures the service. */
  private ServiceProcess start(String name) {
    ServiceProcess instance =
        new ServiceProcess("ingest-service", "ingest-service-" + name, SETTINGS);
    STARTED.add(instance);
    targets.add(instance.start());
    return instance;
  }

  private static int partitions() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      String topic = SETTINGS.get("appmetrics.ingest.topic.name");
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .size();
    }
  }

  /**
   * Projects whose events, keyed by project, cover every partition of the topics (Kafka's default partitioner:
   * murmur2 of the key), so that both writers, holding half the partitions each, have events to insert. Their grants
   * go on the real topic, from which both instances learn them.
   */
  private static List<Long> projectsOnEveryPartition() throws Exception {
    int partitions = partitions();
    Map<Integer, Long> byPartition = new HashMap<>();
    while (byPartition.size() < partitions) {
      long project = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
      byPartition.putIfAbsent(
          Utils.toPositive(Utils.murmur2(Long.toString(project).getBytes(StandardCharsets.UTF_8)))
              % partitions,
          project);
    }
    try (TopicGrants grants = new TopicGrants(kafka)) {
      for (long project : byPartition.values()) {
        // Each project in an organization of its own, numbered as the project.
        grants.publish(new ProjectGrant(project, project, "p" + project, true));
        grants.publish(new ProjectKeyGrant(key(project), project, project, 0, true));
      }
    }
    return List.copyOf(byPartition.values());
  }

  /** The project's DSN key, derived from its id so that the senders need no table of them. */
  private static String key(long project) {
    return UUID.nameUUIDFromBytes(Long.toString(project).getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }

  /** Through the Distributed tables, at the server the instances write to. */
  private static String query(String sql) {
    return LocalCluster.query(OnLocalCluster.NODE, sql);
  }

  /** Rows the instance's writers found already stored and skipped, from its Prometheus metrics. */
  private static String skipped(ServiceProcess instance) throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(instance.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher matcher = SKIPPED.matcher(metrics);
    return matcher.find() ? matcher.group(1) : "0";
  }
}
