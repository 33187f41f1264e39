# The measured query-service of the query benchmarks (bench-query.sh, bench-long-range.sh), sourced by them. The
# service runs on its own port against the benchmark's ClickHouse database with migrate-at-start, so it applies every
# migration there as ingest-service does (the tables, the tier tables and their views are production's) and is ready
# only once they are applied. Expects ROOT, WORK, KAFKA_LIBS, PORT, DB, ORG, PROJECT, SERVICE_TOKEN and say(); sets
# SERVICE_PID, which the caller's cleanup kills.

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
