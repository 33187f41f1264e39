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

/**
 * Nothing acknowledged is lost or doubled: while clients send metrics (native API) and spans (Sentry envelopes), this
 * test's own Kafka broker is restarted, then its own ClickHouse server; afterwards every acknowledged metric and span
 * is in ClickHouse exactly once.
 */
@QuarkusTest
@TestProfile(RestartFaultTest.OwnStackProfile.class)
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
    Set<Integer> acknowledgedSpans = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger nextSequence = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      boolean spans = s % 2 == 1;
      Thread sender = new Thread(() -> {
        while (sending.get()) {
          int first = nextSequence.getAndAdd(BATCH);
          try {
            HttpResponse<String> response = http.send(spans ? spans(project, first) : metrics(project, first),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
              IntStream.range(first, first + BATCH).forEach(spans ? acknowledgedSpans::add : acknowledged::add);
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

    assertTrue(acknowledged.size() >= 3_000 && acknowledgedSpans.size() >= 3_000, "the clients kept sending throughout");
    assertStoredExactlyOnce("metric_events", project.projectId(), acknowledged, refused.get());
    assertStoredExactlyOnce("spans", project.projectId(), acknowledgedSpans, refused.get());
  }

  private void assertStoredExactlyOnce(String table, long projectId, Set<Integer> acknowledged, int refused) {
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> storedCounts(table, projectId).keySet().containsAll(acknowledged));
    Map<Integer, Integer> stored = storedCounts(table, projectId);
    List<Integer> missing = acknowledged.stream().filter(seq -> !stored.containsKey(seq)).sorted().toList();
    Map<Integer, Integer> duplicates = stored.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    System.out.printf("Fault test, %s: %d acknowledged, %d distinct stored, %d missing, %d duplicated "
        + "(%d events of both kinds refused during the restarts)%n", table, acknowledged.size(), stored.size(),
        missing.size(), duplicates.size(), refused);
    assertEquals(List.of(), missing, "acknowledged rows missing from " + table);
    assertEquals(Map.of(), duplicates, "rows stored more than once in " + table + " (sequence → copies)");
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

  /** Waits until the clients got this many more acknowledgements, i.e. the platform serves again after a restart. */
  private static void awaitProgress(Set<Integer> acknowledged, int more) {
    int target = acknowledged.size() + more;
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .until(() -> acknowledged.size() >= target);
  }

  private Map<Integer, Integer> storedCounts(String table, long projectId) {
    String rows = clickHouse.execute("SELECT attr_int_values[indexOf(attr_int_keys, 'seq')] AS seq, count() FROM " + table
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
