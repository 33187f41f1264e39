package dev.appmetrics.ingest.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.clickhouse.ClickHouseClient;
import dev.appmetrics.ingest.support.TestProjects;
import dev.appmetrics.ingest.support.TestProjects.TestProject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Nothing acknowledged is lost or doubled: while clients send events, this test's own Kafka broker is restarted,
 * then its own ClickHouse server; afterwards every acknowledged event is in ClickHouse exactly once.
 */
@QuarkusTest
@TestProfile(RestartFaultTest.OwnStackProfile.class)
@EnabledIf(value = "dev.appmetrics.ingest.writer.OwnStack#available",
    disabledReason = "needs the Kafka jars in .stack/kafka-libs (./platform infra resolves them) and clickhouse-server on the PATH")
class RestartFaultTest {

  /** Points ingest at a private broker and ClickHouse server that this test may restart. */
  public static class OwnStackProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(OwnStack.class));
    }
  }

  private static final int BATCH = 50;
  private static final int SENDERS = 4;

  @Inject
  TestProjects projects;

  @Inject
  ClickHouseClient clickHouse;

  @Test
  void everyAcknowledgedEventIsStoredExactlyOnceAcrossKafkaAndClickHouseRestarts() throws Exception {
    TestProject project = projects.create();
    OwnStack stack = OwnStack.current();
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger nextSequence = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      Thread sender = new Thread(() -> {
        while (sending.get()) {
          int first = nextSequence.getAndAdd(BATCH);
          String body = IntStream.range(first, first + BATCH)
              .mapToObj(i -> "{\"name\":\"fault.events\",\"kind\":\"counter\",\"value\":1,\"attributes\":{\"seq\":" + i + "}}")
              .collect(Collectors.joining(",", "{\"metrics\":[", "]}"));
          try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                    + "/api/v1/projects/" + project.projectId() + "/metrics"))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + project.publicKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
              IntStream.range(first, first + BATCH).forEach(acknowledged::add);
            } else {
              refused.addAndGet(BATCH);
              Thread.sleep(200);
            }
          } catch (Exception e) {
            refused.addAndGet(BATCH);
          }
        }
      }, "fault-sender-" + s);
      sender.start();
      senders.add(sender);
    }

    awaitProgress(acknowledged, 2_000);
    stack.stopKafka();
    Thread.sleep(OwnStack.restartPause().toMillis());
    stack.startKafka();
    awaitProgress(acknowledged, 2_000);
    stack.stopClickHouse();
    Thread.sleep(OwnStack.restartPause().toMillis());
    stack.startClickHouse();
    awaitProgress(acknowledged, 2_000);
    sending.set(false);
    for (Thread sender : senders) {
      sender.join(Duration.ofSeconds(120).toMillis());
    }

    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> storedCounts(project.projectId()).keySet().containsAll(acknowledged));
    Map<Integer, Integer> stored = storedCounts(project.projectId());
    List<Integer> missing = acknowledged.stream().filter(seq -> !stored.containsKey(seq)).sorted().toList();
    Map<Integer, Integer> duplicates = stored.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    System.out.printf("Fault test: %d events acknowledged, %d refused during the restarts, %d distinct stored, "
        + "%d missing, %d duplicated%n", acknowledged.size(), refused.get(), stored.size(), missing.size(), duplicates.size());
    assertTrue(acknowledged.size() >= 6_000, "the clients kept sending throughout");
    assertEquals(List.of(), missing, "acknowledged events missing from ClickHouse");
    assertEquals(Map.of(), duplicates, "events stored more than once (sequence → copies)");
  }

  /** Waits until the clients got this many more acknowledgements, i.e. the platform serves again after a restart. */
  private static void awaitProgress(Set<Integer> acknowledged, int more) {
    int target = acknowledged.size() + more;
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .until(() -> acknowledged.size() >= target);
  }

  private Map<Integer, Integer> storedCounts(long projectId) {
    String rows = clickHouse.execute("SELECT attr_int_values[indexOf(attr_int_keys, 'seq')] AS seq, count() FROM metric_events"
        + " WHERE project_id = " + projectId + " GROUP BY seq FORMAT TabSeparated", "fault-test", Map.of())
        .await().atMost(Duration.ofSeconds(30));
    Map<Integer, Integer> counts = new HashMap<>();
    rows.lines().filter(line -> !line.isBlank()).forEach(line -> {
      String[] columns = line.split("\t");
      counts.put(Integer.parseInt(columns[0]), Integer.parseInt(columns[1]));
    });
    return counts;
  }
}
