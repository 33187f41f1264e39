#!/usr/bin/env bash
# Ingest benchmark (not a test): realistic Sentry envelopes through the real HTTP endpoint, end to end into ClickHouse.
#
#   scripts/bench-ingest.sh [seconds=30] [concurrent requests=32] [metrics per envelope=100]
#   TIER_VIEWS=dropped scripts/bench-ingest.sh 60 32 100   # the same without the downsampled tiers' views
#   WARMUP_SECONDS=120 scripts/bench-ingest.sh 60 32 100    # a longer warm-up (default 20 s): the JIT of a fresh
#                                                             # JVM compiles for about two minutes here
#   INGEST_JAVA_OPTS=-XX:+UseG1GC scripts/bench-ingest.sh     # other JVM options (default: the Parallel collector,
#                                                             # as the stack and the image run ingest-service)
#
# TIER_VIEWS=dropped drops the materialized views that fill the downsampled tiers (docs/query.md) from the bench's
# own database before the first envelope, so runs with and without them measure the tiers' write cost end to end.
#
# Needs Kafka and ClickHouse of the local stack (./platform infra starts them). It builds and starts its own
# ingest-service on a free port, writing to the database appmetrics_bench through its own topic and consumer group,
# and stops and drops what it started when it ends. Reports: events/s acknowledged over HTTP, sustained end-to-end events/s
# into ClickHouse, HTTP latency percentiles, ClickHouse's own JSONEachRow insert rate of the same rows, and the ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_TO_RUN=${1:-30}
CONCURRENCY=${2:-32}
PER_ENVELOPE=${3:-100}
DB=appmetrics_bench
TIER_VIEWS=${TIER_VIEWS:-present}
ALONE_FORMAT=${ALONE_FORMAT:-Native}
# Kafka's client jars, from the stack (another checkout's, e.g. a worktree's, with KAFKA_LIBS=…/.stack/kafka-libs).
KAFKA_LIBS=${KAFKA_LIBS:-$ROOT/.stack/kafka-libs}
[[ "$TIER_VIEWS" == present || "$TIER_VIEWS" == dropped ]] || { echo "TIER_VIEWS is present or dropped" >&2; exit 1; }
CH=http://127.0.0.1:8123
WORK=$(mktemp -d)
INGEST_PID=

cleanup() {
  if [[ -n "$INGEST_PID" ]] && kill -0 "$INGEST_PID" 2>/dev/null; then
    kill "$INGEST_PID"; wait "$INGEST_PID" 2>/dev/null || true
  fi
  curl -fsS "$CH/" --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  if [[ -n "${TOPIC:-}" && -f "$WORK/DeleteTopic.java" ]]; then
    # ingest-service creates each trace table's topic and its dead-letter topic.
    java -cp "$KAFKA_LIBS/*" "$WORK/DeleteTopic.java" "$TOPIC" "$TRACES".{spans,logs,errors}{,.dlq} \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

curl -fsS "$CH/ping" >/dev/null || { echo "ClickHouse is not running: ./platform infra" >&2; exit 1; }
(exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null || { echo "Kafka is not running: ./platform infra" >&2; exit 1; }

echo "building ingest-service"
# -am builds common in the same reactor, so a fresh clone needs nothing installed in ~/.m2 first.
"$ROOT/mvnw" -B -ntp -q -f "$ROOT/pom.xml" package -pl ingest-service -am -DskipTests >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; exit 1; }

# The bench's events travel on a topic of their own (deleted at the end), so no consumer of metrics.events (a running
# stack's writer, the tests' writer group) has to read millions of bench rows; its writer group starts at the beginning.
# Its trace topics are its own too, so that group does not first drain every span the tests ever sent.
TOPIC="metrics.events.bench-$(date +%s)"
TRACES="traces.bench-$(date +%s)"
GROUP="bench-writer-$(date +%s)"
cat >"$WORK/DeleteTopic.java" <<'JAVA'
import java.util.*;
import org.apache.kafka.clients.admin.Admin;

/** Deletes the bench's own topics. */
public class DeleteTopic {
  public static void main(String[] args) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
      admin.deleteTopics(List.of(args)).all().get();
    }
  }
}
JAVA

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "starting ingest-service on port $PORT (database $DB)"
QUARKUS_HTTP_PORT=$PORT APPMETRICS_CLICKHOUSE_DATABASE=$DB \
  APPMETRICS_INGEST_WRITER_CONSUMER_GROUP="$GROUP" APPMETRICS_INGEST_TOPIC_NAME="$TOPIC" \
  APPMETRICS_INGEST_TOPIC_TRACES_PREFIX="$TRACES" \
  java -Xmx1g ${INGEST_JAVA_OPTS:--XX:+UseParallelGC} -jar "$ROOT/ingest-service/target/quarkus-app/quarkus-run.jar" >"$WORK/ingest.log" 2>&1 &
INGEST_PID=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$INGEST_PID" 2>/dev/null || { cat "$WORK/ingest.log"; exit 1; }
  sleep 0.5
done

# The service has applied the migrations; the views are the bench database's own, dropped with it at the end.
views=$(curl -fsS "$CH/" --data-binary \
  "SELECT name FROM system.tables WHERE database = '$DB' AND engine = 'MaterializedView' AND name LIKE '%downsample%'")
if [[ "$TIER_VIEWS" == dropped ]]; then
  for view in $views; do curl -fsS "$CH/" --data-binary "DROP TABLE $DB.$view" >/dev/null; done
fi
echo "tier views: $TIER_VIEWS ($(echo $views | wc -w) in the schema)"

cat >"$WORK/Bench.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.apache.kafka.clients.producer.*;

/** Publishes a bench project and DSN key, then keeps N envelopes in flight for the given time. */
public class Bench {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    int perEnvelope = Integer.parseInt(args[3]);
    // A warm-up project first (the JIT compiles the hot paths), then the measured one.
    String[] warmup = project();
    String[] measured = project();
    Thread.sleep(1500); // the service follows projects.config within its poll interval

    // Envelopes shaped like @sentry/node's: counters, gauges and distributions with SDK and custom attributes.
    String[] kinds = {"counter", "gauge", "distribution"};
    String[] routes = {"/checkout", "/cart", "/login", "/search", "/api/items"};
    List<byte[]> bodies = new ArrayList<>();
    Random random = new Random(42);
    for (int e = 0; e < 64; e++) {
      String trace = UUID.randomUUID().toString().replace("-", "");
      String span = trace.substring(0, 16);
      double now = System.currentTimeMillis() / 1000.0;
      StringBuilder items = new StringBuilder();
      for (int i = 0; i < perEnvelope; i++) {
        String kind = kinds[i % 3];
        if (i > 0) items.append(',');
        items.append(String.format(Locale.ROOT,
            "{\"timestamp\":%.4f,\"trace_id\":\"%s\",\"span_id\":\"%s\",\"name\":\"bench.%s.%d\",\"type\":\"%s\",%s\"value\":%.3f,"
            + "\"attributes\":{\"server.address\":{\"value\":\"vm\",\"type\":\"string\"},\"route\":{\"value\":\"%s\",\"type\":\"string\"},"
            + "\"attempt\":{\"value\":%d,\"type\":\"integer\"},\"ok\":{\"value\":%b,\"type\":\"boolean\"},"
            + "\"sentry.release\":{\"value\":\"bench@1.0.0\",\"type\":\"string\"},\"sentry.environment\":{\"value\":\"bench\",\"type\":\"string\"},"
            + "\"sentry.sdk.name\":{\"value\":\"sentry.javascript.node\",\"type\":\"string\"},\"sentry.sdk.version\":{\"value\":\"11.12.0\",\"type\":\"string\"}}}",
            now + i / 1000.0, trace, span, kind, i % 10, kind, kind.equals("counter") ? "" : "\"unit\":\"millisecond\",",
            random.nextDouble() * 100, routes[random.nextInt(routes.length)], random.nextInt(5), random.nextBoolean()));
      }
      String body = "{\"sdk\":{\"name\":\"sentry.javascript.node\",\"version\":\"11.12.0\"}}\n"
          + "{\"type\":\"trace_metric\",\"item_count\":" + perEnvelope + ",\"content_type\":\"application/vnd.sentry.items.trace-metric+json\"}\n"
          + "{\"version\":2,\"items\":[" + items + "]}\n";
      bodies.add(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    // @sentry/node gzips every body over 32 KiB (its transport's GZIP_THRESHOLD), so these travel gzipped, built once.
    int plainLength = bodies.get(0).length;
    for (int i = 0; i < bodies.size(); i++) {
      java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
        out.write(bodies.get(i));
      }
      bodies.set(i, gzipped.toByteArray());
    }
    System.out.printf("envelope: %d metrics, %d bytes, %d gzipped%n", perEnvelope, plainLength, bodies.get(0).length);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(2)).build();
    int warmupSeconds = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "20"));
    System.out.printf("warming up for %d s%n", warmupSeconds);
    long warmedUp = send(http, port, warmup, bodies, warmupSeconds, concurrency, perEnvelope);
    // The measured run starts with an empty pipeline: the writer has stored every warm-up event.
    URI count = URI.create("http://127.0.0.1:8123/?database=appmetrics_bench&query="
        + java.net.URLEncoder.encode("SELECT count() FROM metric_events WHERE project_id = " + warmup[0], "UTF-8"));
    while (Long.parseLong(http.send(HttpRequest.newBuilder(count).build(), HttpResponse.BodyHandlers.ofString()).body().strip()) < warmedUp) {
      Thread.sleep(200);
    }
    System.out.printf("measuring for %d s%n", seconds);
    // CPU used from here on by each process of the pipeline (the script reads the counters again at the end).
    String processes = String.join(" ", Arrays.copyOfRange(args, 5, args.length));
    java.nio.file.Files.writeString(java.nio.file.Path.of(args[4]), processes + "\n" + cpuTicks(processes) + "\n");
    long generatorCpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
    send(http, port, measured, bodies, seconds, concurrency, perEnvelope);
    System.out.printf("GENERATOR_CPU_MS=%d%n", ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() - generatorCpu);
    System.exit(0);
  }

  static String[] project() throws Exception {
    long projectId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    long organizationId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    String key = UUID.randomUUID().toString().replace("-", "");
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", "127.0.0.1:9092");
    kafka.put("acks", "all");
    kafka.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    kafka.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka)) {
      producer.send(new ProducerRecord<>("projects.config", "project/" + projectId, String.format(
          "{\"projectId\":%d,\"organizationId\":%d,\"slug\":\"bench\",\"active\":true}", projectId, organizationId))).get();
      producer.send(new ProducerRecord<>("projects.config", "key/" + key, String.format(
          "{\"publicKey\":\"%s\",\"projectId\":%d,\"organizationId\":%d,\"rateLimitPerSecond\":100000000,\"active\":true}",
          key, projectId, organizationId))).get();
    }
    return new String[] {Long.toString(projectId), key};
  }

  /**
   * One thread per connection, each sending its next pre-built request as soon as the previous one was answered, over
   * HTTP/1.1 keep-alive (as the SDK's agent does): the load generator costs little CPU next to what it measures.
   */
  static long send(HttpClient http, int port, String[] project, List<byte[]> bodies, int seconds, int concurrency,
      int perEnvelope) throws Exception {
    long projectId = Long.parseLong(project[0]);
    List<byte[]> requests = new ArrayList<>();
    for (byte[] body : bodies) {
      byte[] head = ("POST /api/" + projectId + "/envelope/?sentry_key=" + project[1] + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + port + "\r\nContent-Type: application/x-sentry-envelope\r\nContent-Encoding: gzip\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      requests.add(request);
    }
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> connections = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      int first = c;
      Thread connection = new Thread(() -> {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
          socket.setTcpNoDelay(true);
          java.io.OutputStream out = socket.getOutputStream();
          java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
          for (int next = first; System.nanoTime() < end; next += concurrency) {
            long sent = System.nanoTime();
            out.write(requests.get(next % requests.size()));
            int status = readResponse(in);
            latencies.add(System.nanoTime() - sent);
            (status == 200 ? acknowledged : failed).addAndGet(perEnvelope);
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      connection.start();
      connections.add(connection);
    }
    for (Thread connection : connections) connection.join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("PROJECT=%d%nACKNOWLEDGED=%d%nFAILED=%d%nSEND_SECONDS=%.2f%nSTART_EPOCH_MS=%d%n",
        projectId, acknowledged.get(), failed.get(), elapsed,
        System.currentTimeMillis() - (long) (elapsed * 1000));
    System.out.printf("http: %d requests, %.0f events/s acknowledged, latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        sorted.length, acknowledged.get() / elapsed, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
    return acknowledged.get();
  }

  /** Reads one response (Content-Length or chunked body) and returns its status. */
  static int readResponse(java.io.InputStream in) throws java.io.IOException {
    String status = line(in);
    long length = 0;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) length = Long.parseLong(lower.substring(15).strip());
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
    }
    if (chunked) {
      for (long size = Long.parseLong(line(in).strip(), 16); size > 0; size = Long.parseLong(line(in).strip(), 16)) {
        in.skipNBytes(size);
        line(in);
      }
      line(in);
    } else {
      in.skipNBytes(length);
    }
    return Integer.parseInt(status.split(" ")[1]);
  }

  static String line(java.io.InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) throw new java.io.EOFException("connection closed");
      if (b != '\r') line.append((char) b);
    }
    return line.toString();
  }

  /** utime + stime in clock ticks of each name:pid, from /proc/<pid>/stat (fields 14 and 15). */
  static String cpuTicks(String processes) throws Exception {
    StringBuilder ticks = new StringBuilder();
    for (String process : processes.split(" ")) {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + process.split(":")[1] + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks.append(ticks.length() == 0 ? "" : " ").append(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
    return ticks.toString();
  }

  static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
JAVA

echo "sending envelopes for ${SECONDS_TO_RUN}s with $CONCURRENCY in flight, $PER_ENVELOPE metrics each"
# CPU accounting: the processes of the pipeline that run on this machine (Kafka and ClickHouse only if local).
PROCESSES="ingest:$INGEST_PID"
# The process listening on the stack's port: other ClickHouse servers may run beside it (a scale-out test's cluster).
listener() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true; }
KAFKA_PID=$(listener 9092)
CLICKHOUSE_PID=$(listener 8123)
[[ -n "$KAFKA_PID" ]] && PROCESSES="$PROCESSES kafka:$KAFKA_PID"
[[ -n "$CLICKHOUSE_PID" ]] && PROCESSES="$PROCESSES clickhouse:$CLICKHOUSE_PID"
# The JIT's share of ingest-service's CPU: its total compile time (jstat) when the measured run starts and at the end.
jit_ms() { jstat -compiler "$INGEST_PID" | awk 'NR == 2 { printf "%d\n", $4 * 1000 }'; }
(until [[ -s "$WORK/cpu.start" ]]; do sleep 0.1; done; jit_ms >"$WORK/jit.start") &
java -Xmx512m -cp "$KAFKA_LIBS/*" "$WORK/Bench.java" "$PORT" "$SECONDS_TO_RUN" "$CONCURRENCY" "$PER_ENVELOPE" \
  "$WORK/cpu.start" $PROCESSES \
  | tee "$WORK/bench.out"
# The last figures are the measured run's; the first are the warm-up's.
PROJECT=$(sed -n 's/^PROJECT=//p' "$WORK/bench.out" | tail -1)
ACKNOWLEDGED=$(sed -n 's/^ACKNOWLEDGED=//p' "$WORK/bench.out" | tail -1)
START_MS=$(sed -n 's/^START_EPOCH_MS=//p' "$WORK/bench.out" | tail -1)

count() { curl -fsS "$CH/?database=$DB" --data-binary "SELECT count() FROM metric_events WHERE project_id = $PROJECT"; }
STORED=0
for _ in $(seq 1 600); do
  STORED=$(count)
  ((STORED >= ACKNOWLEDGED)) && break
  sleep 0.2
done
DONE_MS=$(date +%s%3N)
CPU_NAMES=$(sed -n 1p "$WORK/cpu.start")
CPU_START=($(sed -n 2p "$WORK/cpu.start"))
CPU_REPORT="cpu ms per 1000 events stored: generator $(python3 -c "print('%.1f' % ($(sed -n 's/^GENERATOR_CPU_MS=//p' "$WORK/bench.out") / max(1, $STORED) * 1000))")"
i=0
for process in $CPU_NAMES; do
  pid=${process#*:}
  if [[ -r /proc/$pid/stat ]]; then
    ticks=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat")
    CPU_REPORT="$CPU_REPORT ${process%%:*} $(python3 -c "print('%.1f' % (($ticks - ${CPU_START[$i]}) * 10 / max(1, $STORED) * 1000))")"
  fi
  i=$((i + 1))
done
JIT_REPORT="of ingest's, the JIT compiling: $(python3 -c "print('%.1f' % (($(jit_ms) - $(cat "$WORK/jit.start")) / max(1, $STORED) * 1000))") ms per 1000 events (compile time, jstat)"
E2E_SECONDS=$(python3 -c "print(($DONE_MS - $START_MS) / 1000)")
E2E_RATE=$(python3 -c "print(round($STORED / $E2E_SECONDS))")
echo "clickhouse: $STORED of $ACKNOWLEDGED acknowledged events stored $E2E_SECONDS s after the first request: $E2E_RATE events/s end to end"
echo "$CPU_REPORT"
echo "$JIT_REPORT"

# ClickHouse's own rate for the same rows: export them and insert them again in one request, in the writer's format
# (ALONE_FORMAT=JSONEachRow measures what the writer sent before it inserted Native blocks).
curl -fsS "$CH/?database=$DB" --data-binary \
  "SELECT * FROM metric_events WHERE project_id = $PROJECT FORMAT $ALONE_FORMAT" >"$WORK/rows.$ALONE_FORMAT"
curl -fsS "$CH/?database=$DB" --data-binary "CREATE TABLE metric_events_copy AS metric_events" >/dev/null
# -T streams the file (a million rows are about a gigabyte); -X POST keeps ClickHouse's insert method.
INSERT_SECONDS=$(curl -fsS -o /dev/null -w '%{time_total}' -X POST -T "$WORK/rows.$ALONE_FORMAT" \
  "$CH/?database=$DB&query=INSERT%20INTO%20metric_events_copy%20FORMAT%20$ALONE_FORMAT")
CH_RATE=$(python3 -c "print(round($STORED / $INSERT_SECONDS))")
echo "clickhouse alone: $STORED rows ($(du -h "$WORK/rows.$ALONE_FORMAT" | cut -f1) of $ALONE_FORMAT) inserted in ${INSERT_SECONDS}s: $CH_RATE rows/s"
python3 -c "print('ratio end-to-end / clickhouse alone: %.2f' % ($E2E_RATE / $CH_RATE))"
echo "(tier views $TIER_VIEWS; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
