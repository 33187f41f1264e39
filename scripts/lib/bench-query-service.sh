# The measured query-service of the query benchmarks (bench-query.sh, bench-long-range.sh, bench-warm-start.sh),
# sourced by them, and what they share: a work folder, a service credential made for the run, the clean-up at exit,
# the dataset and the requests. The service runs on its own port against the benchmark's ClickHouse database with
# migrate-at-start, so it applies every migration there as ingest-service does (the tables, the tier tables and their
# views are production's) and is ready only once they are applied. Expects ROOT, CH, DB, PORT, ORG and PROJECT, and
# KEEP_DATABASE=1 from a benchmark that reuses its data in the next run; KAFKA_LIBS names Kafka's client jars of
# another checkout (e.g. a worktree's …/.stack/kafka-libs).

KAFKA_LIBS=${KAFKA_LIBS:-$ROOT/.stack/kafka-libs}
# The benchmark calls its own query-service as monitor-service does: with a service credential made for this run.
SERVICE_TOKEN="bench-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')"
WORK=$(mktemp -d)
SERVICE_PID=

bench_cleanup() {
  [[ -n "$SERVICE_PID" ]] && kill "$SERVICE_PID" 2>/dev/null || true
  if [[ "${KEEP_DATABASE:-0}" != 1 ]]; then
    curl -sS "$CH/" --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap bench_cleanup EXIT

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
ch() { # runs the SQL on stdin in the bench's database; ClickHouse's error goes to stderr
  curl -sS --fail-with-body -o "$WORK/ch.out" "$CH/?database=$DB" --data-binary @- \
    || { cat "$WORK/ch.out" >&2; return 1; }
  cat "$WORK/ch.out"
}

QUERY_SERVICE_JAR="$ROOT/query-service/target/quarkus-app/quarkus-run.jar"

bench_refuse_taken_port() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { echo "port $PORT is taken: PORT=… picks another" >&2; exit 1; }
}

bench_package_query_service() {
  say "packaging query-service"
  (cd "$ROOT" && ./mvnw -B -ntp -q package -pl query-service -am -DskipTests >"$WORK/build.log" 2>&1) \
    || { cat "$WORK/build.log" >&2; exit 1; }
}

# bench_publish_grant <slug>: the project must be known to the service: its grant on projects.config, as
# dashboard-service would publish it.
bench_publish_grant() {
  cat >"$WORK/PublishGrant.java" <<JAVA
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
public class PublishGrant {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", "127.0.0.1:9092");
    p.put("acks", "all");
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>("projects.config", "project/$PROJECT",
          "{\"projectId\":$PROJECT,\"organizationId\":$ORG,\"slug\":\"$1\",\"active\":true}")).get();
    }
  }
}
JAVA
  java -cp "$KAFKA_LIBS/*" "$WORK/PublishGrant.java" 2>/dev/null
}

# bench_start_query_service [JVM option…]: starts the packaged service and waits until it is ready, which is once
# the migrations are applied; the benchmark calls it as monitor-service does, with a service credential of this run.
bench_start_query_service() {
  say "starting query-service on port $PORT against $DB (applying the migrations)"
  java -Dquarkus.http.port="$PORT" -Dappmetrics.clickhouse.database="$DB" -Dappmetrics.clickhouse.migrate-at-start=true \
    -Dquarkus.log.level=WARN -Dappmetrics.query.cursor-secret="$(head -c 32 /dev/urandom | base64)" \
    -Dappmetrics.auth.service-callers.monitor.token="$SERVICE_TOKEN" "$@" \
    -jar "$QUERY_SERVICE_JAR" >"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  for ((i = 0; ; i++)); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null && ((i < 240)) || { cat "$WORK/service.log" >&2; exit 1; }
    sleep 0.5
  done
}

# The service learns the project from projects.config after it is ready: waits until it answers for it.
bench_wait_for_project() {
  local status
  for ((i = 0; ; i++)); do
    status=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/catalog/metrics?project=$PROJECT" \
      -H "Authorization: Bearer $SERVICE_TOKEN" -H "X-Appmetrics-Organization: $ORG")
    [[ "$status" == 200 ]] && break
    ((i < 120)) || { echo "the service still answers $status for project $PROJECT" >&2; exit 1; }
    sleep 0.5
  done
}

# bench_load_events <rows> <days>: the query benchmarks' events for PROJECT in DB, ending at the hour before the load;
# 60% distribution (bench.latency), 20% counter, 20% gauge; four regions, three routes, sample rates 1, 1, 0.5 and 0.25.
bench_load_events() {
  local ROWS=$1 DAYS=$2
  ch >/dev/null <<SQL
INSERT INTO metric_events (organization_id, project_id, metric_name, metric_kind, unit, timestamp, timestamp_ms, value,
  client_sample_rate, trace_id, span_id, attr_string_keys, attr_string_values, attr_int_keys, attr_int_values,
  attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values, received_at, kafka_partition, kafka_offset)
SELECT $ORG, $PROJECT,
  multiIf(number % 10 < 6, 'bench.latency', number % 10 < 8, 'bench.requests', 'bench.memory'),
  CAST(multiIf(number % 10 < 6, 'distribution', number % 10 < 8, 'counter', 'gauge') AS Enum8('counter' = 1, 'gauge' = 2, 'distribution' = 3)),
  multiIf(number % 10 < 6, 'millisecond', number % 10 < 8, 'none', 'byte'),
  toDateTime(end_time - $DAYS * 86400 + intDiv(number * $DAYS * 86400, $ROWS)) AS ts,
  toInt64(toUInt32(ts)) * 1000 + number % 1000,
  (cityHash64(number) % 1000) / 2 + 1,
  [1., 1., 0.5, 0.25][cityHash64(number, 1) % 4 + 1],
  concat(lower(hex(cityHash64(number, 2))), lower(hex(cityHash64(number, 3)))),
  lower(hex(cityHash64(number, 4))),
  ['region', 'route'], [['eu', 'us', 'ap', 'sa'][cityHash64(number, 5) % 4 + 1], ['/a', '/b', '/checkout'][number % 3 + 1]],
  ['retries'], [toInt64(number % 4)],
  CAST([] AS Array(String)), CAST([] AS Array(Float64)),
  ['cached'], [toUInt8(number % 2)],
  ts, 0, number
FROM (SELECT number, intDiv(toUInt32(now()), 3600) * 3600 AS end_time FROM system.numbers LIMIT $ROWS)
SQL
}

# bench_requests <start> <end>: the Explorer's typical requests over [start, end) (epoch seconds) as JSON bodies:
# GROUPED (p95 by region), APDEX (three counts and an equation) and SAMPLES (a samples page).
bench_requests() {
  local range
  range="\"start\": \"$(iso "$1")\", \"end\": \"$(iso "$2")\""
  GROUPED="{\"projects\": [$PROJECT], $range, \"queries\": [{\"label\": \"A\", \"metric\": \"bench.latency\", \"aggregate\": \"p95\", \"groupBy\": [\"region\"]}]}"
  APDEX="{\"projects\": [$PROJECT], $range, \"queries\": [{\"label\": \"A\", \"metric\": \"bench.latency\", \"aggregate\": \"count\", \"filter\": \"value:<100\"}, {\"label\": \"B\", \"metric\": \"bench.latency\", \"aggregate\": \"count\", \"filter\": \"value:>200 value:<400\"}, {\"label\": \"C\", \"metric\": \"bench.latency\", \"aggregate\": \"count\"}], \"equations\": [{\"label\": \"f1\", \"expression\": \"(A + (B / 2)) / C\"}]}"
  SAMPLES="{\"projects\": [$PROJECT], $range, \"metric\": \"bench.latency\", \"filter\": \"region:eu\", \"limit\": 50}"
}

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# bench_api <path> <body>: one request to the measured service, as monitor-service calls it; prints the seconds it took.
bench_api() {
  curl -sS --fail-with-body -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$1" \
    -H "Authorization: Bearer $SERVICE_TOKEN" -H "X-Appmetrics-Organization: $ORG" \
    -H 'Content-Type: application/json' --data-binary "$2"
}
