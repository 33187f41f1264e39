package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appmetrics.common.auth.CredentialStore;
import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.common.clickhouse.ClickHouseConfig;
import dev.appmetrics.common.testing.LocalCluster;
import dev.appmetrics.ingest.config.IngestConfig;
import dev.appmetrics.ingest.support.OwnTopicsOnTheCluster;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode under faults, on the local cluster (2 shards x 2 replicas): while clients send metrics and spans of
 * projects on every partition, drained by two writer instances sharing the topics' partitions (this service's and a
 * second one in the same consumer groups), one replica of shard 2 is killed with SIGKILL and later restarted, and
 * the second writer is stopped in the middle of its work (no offset commit after its last insert, as when its pod
 * dies) and started again. Every acknowledged event is stored exactly once, the Distributed tables answer
 * throughout the outage, and the restarted replica catches up with its sibling.
 */
@QuarkusTest
@TestProfile(OwnTopicsOnTheCluster.class)
class ClusterFaultTest {

  private static final String KILLED = "s2r1";
  private static final String SIBLING = "s2r2";
  private static final int BATCH = 50;
  private static final int SENDERS = 4;

  @Inject
  TestProjects projects;
  @Inject
  ClickHouseClient clickHouse;
  @Inject
  ClickHouseConfig clickHouseConfig;
  @Inject
  ObjectMapper json;
  @Inject
  IngestConfig config;
  @Inject
  MeterRegistry registry;
  @Inject
  CredentialStore credentials;
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void everyAcknowledgedEventIsStoredOnceWhileAReplicaAndAWriterDieAndComeBack() throws Exception {
    List<TestProject> tenants = projectsOnEveryPartition();
    String projectIds = tenants.stream().map(p -> String.valueOf(p.projectId())).collect(Collectors.joining(","));
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    Set<Integer> acknowledgedSpans = ConcurrentHashMap.newKeySet();
    AtomicInteger nextSequence = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Writers second = startWriter();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      boolean spans = s % 2 == 1;
      Thread sender = new Thread(() -> {
        while (sending.get()) {
          int first = nextSequence.getAndAdd(BATCH);
          TestProject project = tenants.get(ThreadLocalRandom.current().nextInt(tenants.size()));
          try {
            HttpResponse<String> response = http.send(spans ? spans(project, first) : metrics(project, first),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
              IntStream.range(first, first + BATCH).forEach(spans ? acknowledgedSpans::add : acknowledged::add);
            }
          } catch (Exception e) {
            // Not acknowledged: the client would send it again; nothing is expected of it.
          }
        }
      }, "cluster-fault-sender-" + s);
      sender.start();
      senders.add(sender);
    }

    awaitProgress(acknowledged, 1_000);
    LocalCluster.kill(KILLED);
    long killedAt = System.nanoTime();
    List<Long> outageQueryMillis = new ArrayList<>();
    while (System.nanoTime() - killedAt < Duration.ofSeconds(8).toNanos()) {
      long started = System.nanoTime();
      long rows = Long.parseLong(query("SELECT count() FROM metric_events WHERE project_id IN (" + projectIds + ")"));
      outageQueryMillis.add((System.nanoTime() - started) / 1_000_000);
      assertTrue(rows > 0, "the Distributed table answers from the killed replica's sibling");
      Thread.sleep(200);
    }
    awaitProgress(acknowledged, 1_000);
    second.stop(null);
    awaitProgress(acknowledged, 1_000);
    second = startWriter();
    awaitProgress(acknowledged, 1_000);
    LocalCluster.startStopped();
    long restartedAt = System.nanoTime();
    awaitProgress(acknowledged, 1_000);
    sending.set(false);
    for (Thread sender : senders) {
      sender.join(Duration.ofSeconds(120).toMillis());
    }

    assertTrue(acknowledged.size() >= 4_000 && acknowledgedSpans.size() >= 4_000, "the clients kept sending throughout");
    assertStoredExactlyOnce("metric_events", projectIds, acknowledged);
    assertStoredExactlyOnce("spans", projectIds, acknowledgedSpans);
    assertEquals(String.valueOf(config.topic().partitions()), query("SELECT uniqExact(kafka_partition) FROM metric_events WHERE project_id IN (" + projectIds
        + ")"), "the projects' events came through every partition, so both writers had some to insert");
    second.stop(null);

    for (String table : List.of("metric_events_local", "spans_local")) {
      on(KILLED, "SYSTEM SYNC REPLICA " + table);
      assertEquals(on(SIBLING, "SELECT count() FROM " + table), on(KILLED, "SELECT count() FROM " + table),
          "the restarted replica holds every row of its shard in " + table);
    }
    System.out.printf("Cluster fault test: %d metrics and %d spans acknowledged; queries through the Distributed table "
        + "during the outage took %s ms; the restarted replica caught up %d ms after its restart%n",
        acknowledged.size(), acknowledgedSpans.size(), outageQueryMillis,
        (System.nanoTime() - restartedAt) / 1_000_000);
  }

  /**
   * Projects whose events, keyed by project, cover every partition of the topics (Kafka's default partitioner:
   * murmur2 of the key), so that both writers, holding half the partitions each, have events to insert.
   */
  private List<TestProject> projectsOnEveryPartition() {
    int partitions = config.topic().partitions();
    Map<Integer, TestProject> byPartition = new HashMap<>();
    for (int i = 0; i < 20 * partitions && byPartition.size() < partitions; i++) {
      TestProject project = projects.create();
      byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(Long.toString(project.projectId())
          .getBytes(StandardCharsets.UTF_8))) % partitions, project);
    }
    assertEquals(partitions, byPartition.size(), "projects on every partition");
    return List.copyOf(byPartition.values());
  }

  /** A second writer instance in the same consumer groups, as another pod of the writer would be. */
  private Writers startWriter() {
    Writers writers = new Writers(clickHouse, clickHouseConfig, json, config, registry, credentials, bootstrapServers);
    writers.start(null);
    return writers;
  }

  private void assertStoredExactlyOnce(String table, String projectIds, Set<Integer> acknowledged) {
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> storedCounts(table, projectIds).keySet().containsAll(acknowledged));
    Map<Integer, Integer> stored = storedCounts(table, projectIds);
    List<Integer> missing = acknowledged.stream().filter(seq -> !stored.containsKey(seq)).sorted().toList();
    Map<Integer, Integer> duplicates = stored.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(List.of(), missing, "acknowledged rows missing from " + table);
    assertEquals(Map.of(), duplicates, "rows stored more than once in " + table + " (sequence → copies)");
  }

  private Map<Integer, Integer> storedCounts(String table, String projectIds) {
    Map<Integer, Integer> counts = new HashMap<>();
    clickHouse.query("SELECT attr_int_values[indexOf(attr_int_keys, 'seq')] AS seq, count() FROM " + table
        + " WHERE project_id IN (" + projectIds + ") GROUP BY seq FORMAT TabSeparated", "fault-test", Map.of())
        .await().atMost(Duration.ofSeconds(30)).lines().filter(line -> !line.isBlank()).forEach(line -> {
          String[] columns = line.split("\t");
          counts.put(Integer.parseInt(columns[0]), Integer.parseInt(columns[1]));
        });
    return counts;
  }

  private String query(String sql) {
    return clickHouse.query(sql + " FORMAT TabSeparated", "fault-test", Map.of()).await().atMost(Duration.ofSeconds(30))
        .strip();
  }

  /** A statement on one server of the cluster, in the test database. */
  private static String on(String node, String sql) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        LocalCluster.url(node) + "/?database=appmetrics_test")).timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), node + ": " + response.body());
    return response.body().strip();
  }

  private static HttpRequest metrics(TestProject project, int first) {
    String body = IntStream.range(first, first + BATCH)
        .mapToObj(i -> "{\"name\":\"fault.events\",\"kind\":\"counter\",\"value\":1,\"attributes\":{\"seq\":" + i + "}}")
        .collect(Collectors.joining(",", "{\"metrics\":[", "]}"));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
            + "/api/v1/projects/" + project.projectId() + "/metrics"))
        .timeout(Duration.ofSeconds(90))
        .header("Authorization", "Bearer " + project.publicKey()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** One envelope of streamed spans, one trace per span, each carrying its sequence number. */
  private static HttpRequest spans(TestProject project, int first) {
    double now = System.currentTimeMillis() / 1000.0;
    String items = IntStream.range(first, first + BATCH)
        .mapToObj(i -> "{\"trace_id\":\"%032x\",\"span_id\":\"%016x\",\"name\":\"fault\",\"start_timestamp\":%s,"
            .formatted(i + 1, i + 1, now) + "\"end_timestamp\":" + now + ",\"attributes\":{\"seq\":{\"value\":" + i
            + ",\"type\":\"integer\"}}}")
        .collect(Collectors.joining(","));
    String body = "{}\n{\"type\":\"span\"}\n{\"version\":2,\"items\":[" + items + "]}\n";
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
            + "/api/" + project.projectId() + "/envelope/"))
        .timeout(Duration.ofSeconds(90))
        .header("X-Sentry-Auth", "Sentry sentry_key=" + project.publicKey())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static void awaitProgress(Set<Integer> acknowledged, int more) {
    int target = acknowledged.size() + more;
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .until(() -> acknowledged.size() >= target);
  }
}
