package dev.appmetrics.ingest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/**
 * The fault tests' clients: threads that keep sending numbered metrics (native API) and spans (Sentry envelopes), half
 * of them each, until stopped, and remember which numbers ingest acknowledged. Afterwards every acknowledged number
 * must be stored exactly once; what was not acknowledged a real client would send again, so nothing is expected of it.
 */
public final class AcknowledgingClients {

  /** Where one request goes: an ingest instance and a project with its DSN key. */
  public record Destination(String url, long projectId, String publicKey) {}

  private static final int BATCH = 50;

  private final Set<Integer> metrics = ConcurrentHashMap.newKeySet();
  private final Set<Integer> spans = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger nextSequence = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean(true);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Thread> senders = new ArrayList<>();

  private AcknowledgingClients() {}

  /** {@code next} picks each request's destination; it may throw while none is available. */
  public static AcknowledgingClients start(int senders, Supplier<Destination> next) {
    AcknowledgingClients clients = new AcknowledgingClients();
    for (int s = 0; s < senders; s++) {
      boolean spans = s % 2 == 1;
      Thread sender = new Thread(() -> clients.send(spans, next), "fault-sender-" + s);
      sender.start();
      clients.senders.add(sender);
    }
    return clients;
  }

  private void send(boolean spanSender, Supplier<Destination> next) {
    while (sending.get()) {
      int first = nextSequence.getAndAdd(BATCH);
      try {
        Destination destination = next.get();
        HttpResponse<String> response =
            http.send(
                spanSender ? spans(destination, first) : metrics(destination, first),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          IntStream.range(first, first + BATCH).forEach(spanSender ? spans::add : metrics::add);
        } else {
          refused.addAndGet(BATCH);
          Thread.sleep(200);
        }
      } catch (Exception e) {
        refused.addAndGet(BATCH);
      }
    }
  }

  /** Waits until the clients got this many more metrics acknowledged, i.e. the platform serves again after a fault. */
  public void awaitProgress(int more) {
    int target = metrics.size() + more;
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> metrics.size() >= target);
  }

  public void stop() throws InterruptedException {
    sending.set(false);
    for (Thread sender : senders) {
      sender.join(Duration.ofSeconds(120).toMillis());
    }
  }

  public int acknowledgedMetrics() {
    return metrics.size();
  }

  public int acknowledgedSpans() {
    return spans.size();
  }

  /**
   * Waits until every acknowledged number is in the table (metric_events or spans), then asserts that none is missing
   * and none stored twice. {@code query} runs a statement in the test database and returns its TabSeparated answer.
   */
  public void assertStoredExactlyOnce(
      String table, String projectIds, UnaryOperator<String> query) {
    Set<Integer> acknowledged = table.equals("spans") ? spans : metrics;
    // Long enough for a killed writer's partitions, which Kafka moves when the writer's session
    // expires (45 s).
    Awaitility.await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> storedCounts(table, projectIds, query).keySet().containsAll(acknowledged));
    Map<Integer, Integer> stored = storedCounts(table, projectIds, query);
    List<Integer> missing =
        acknowledged.stream().filter(seq -> !stored.containsKey(seq)).sorted().toList();
    Map<Integer, Integer> duplicates =
        stored.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    System.out.printf(
        "Fault test, %s: %d acknowledged, %d distinct stored, %d missing, %d duplicated "
            + "(%d events of both kinds refused during the faults)%n",
        table,
        acknowledged.size(),
        stored.size(),
        missing.size(),
        duplicates.size(),
        refused.get());
    assertEquals(List.of(), missing, "acknowledged rows missing from " + table);
    assertEquals(
        Map.of(), duplicates, "rows stored more than once in " + table + " (sequence → copies)");
  }

  private static Map<Integer, Integer> storedCounts(
      String table, String projectIds, UnaryOperator<String> query) {
    Map<Integer, Integer> counts = new HashMap<>();
    query
        .apply(
            "SELECT attr_int_values[indexOf(attr_int_keys, 'seq')] AS seq, count() FROM "
                + table
                + " WHERE project_id IN ("
                + projectIds
                + ") GROUP BY seq FORMAT TabSeparated")
        .lines()
        .filter(line -> !line.isBlank())
        .forEach(
            line -> {
              String[] columns = line.split("\t");
              counts.put(Integer.parseInt(columns[0]), Integer.parseInt(columns[1]));
            });
    return counts;
  }

  private static HttpRequest metrics(Destination to, int first) {
    String body =
        IntStream.range(first, first + BATCH)
            .mapToObj(
                i ->
                    "{\"name\":\"fault.events\",\"kind\":\"counter\",\"value\":1,\"attributes\":{\"seq\":"
                        + i
                        + "}}")
            .collect(Collectors.joining(",", "{\"metrics\":[", "]}"));
    return HttpRequest.newBuilder(
            URI.create(to.url() + "/api/v1/projects/" + to.projectId() + "/metrics"))
        .timeout(Duration.ofSeconds(90))
        .header("Authorization", "Bearer " + to.publicKey())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** One envelope of streamed spans, one trace per span, each carrying its sequence number. */
  private static HttpRequest spans(Destination to, int first) {
    double now = System.currentTimeMillis() / 1000.0;
    String items =
        IntStream.range(first, first + BATCH)
            .mapToObj(
                i ->
                    "{\"trace_id\":\"%032x\",\"span_id\":\"%016x\",\"name\":\"fault\",\"start_timestamp\":%s,"
                            .formatted(i + 1, i + 1, now)
                        + "\"end_timestamp\":"
                        + now
                        + ",\"attributes\":{\"seq\":{\"value\":"
                        + i
                        + ",\"type\":\"integer\"}}}")
            .collect(Collectors.joining(","));
    String body = "{}\n{\"type\":\"span\"}\n{\"version\":2,\"items\":[" + items + "]}\n";
    return HttpRequest.newBuilder(URI.create(to.url() + "/api/" + to.projectId() + "/envelope/"))
        .timeout(Duration.ofSeconds(90))
        .header("X-Sentry-Auth", "Sentry sentry_key=" + to.publicKey())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
