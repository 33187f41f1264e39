#!/usr/bin/env bash
# Benchmark of ClickHouse cluster mode (not a test) on the local cluster (./platform cluster up: 2 shards x 2
# replicas, all four servers and ZooKeeper on this machine's cores). In its own database appmetrics_bench_cluster,
# dropped at the end, it measures with metric_events as migration 001 lays it out:
#   - JSONEachRow inserts of ROWS rows into one server's plain MergeTree table (the single-server baseline, same run);
#   - the same rows through the Distributed table with insert_distributed_sync=1, as the writer inserts: rows/s in
#     all and per shard, and how long the second replicas take to hold every row;
#   - the hot query (one project, one metric, grouped by an attribute) through the Distributed table and on the
#     single table, RUNS times each, p50 and p95;
#   - catch-up: a replica killed with SIGKILL misses ROWS more rows and is restarted; the time from its restart until
#     it holds as many rows as its sibling.
#
#   scripts/bench-cluster.sh          # ROWS=500000 RUNS=30 by default
#
# Starts the cluster when it is not running and then stops it at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/stack.sh
source "$ROOT/scripts/stack.sh"
# shellcheck source=scripts/cluster.sh
source "$ROOT/scripts/cluster.sh"

ROWS=${ROWS:-500000}
RUNS=${RUNS:-30}
DB=appmetrics_bench_cluster
WORK=$(mktemp -d)
STARTED=

cleanup() {
  if cluster_node_running s1r1; then
    q s1r1 "DROP DATABASE IF EXISTS $DB ON CLUSTER $CLUSTER_NAME" >/dev/null || true
  fi
  [[ -n "$STARTED" ]] && cluster_down
  rm -rf "$WORK"
}
trap cleanup EXIT

# q <node> <sql> [extra URL parameters]
q() { curl -fsS "http://127.0.0.1:$(cluster_node_port "$1" http)/?database=default${3:-}" --data-binary "$2"; }
now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }
count() { q "$1" "SELECT count() FROM $DB.$2" | tr -d '\n'; }

if ! cluster_anything_running; then
  cluster_up
  STARTED=1
fi

say "generating $ROWS rows shaped like metric_events (50 projects, 200 metrics)"
python3 - "$ROWS" "$WORK/rows.jsonl" <<'PY'
import json, random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, 'w') as f:
    for i in range(rows):
        f.write(json.dumps({"organization_id": 1, "project_id": random.randint(1, 50),
            "metric_name": "m%d" % random.randint(1, 200), "metric_kind": "counter", "unit": "none",
            "timestamp": 1764000000 + i // 1000, "timestamp_ms": 1764000000000 + i, "value": 1.5,
            "client_sample_rate": 1.0, "trace_id": "%032x" % random.getrandbits(128),
            "span_id": "%016x" % random.getrandbits(64), "attr_string_keys": ["env", "route"],
            "attr_string_values": ["prod", "/api/%d" % random.randint(1, 20)], "attr_int_keys": [],
            "attr_int_values": [], "attr_double_keys": [], "attr_double_values": [], "attr_bool_keys": [],
            "attr_bool_values": [], "received_at": 1764000000, "kafka_partition": 0, "kafka_offset": i}) + "\n")
PY

MIGRATION=$(grep -v '^--' "$ROOT/common/src/main/resources/clickhouse/migrations/001_metric_events.sql")
q s1r1 "CREATE DATABASE IF NOT EXISTS $DB ON CLUSTER $CLUSTER_NAME" >/dev/null
q s1r1 "${MIGRATION/CREATE TABLE IF NOT EXISTS metric_events/CREATE TABLE $DB.metric_events_single}"
LOCAL=${MIGRATION/CREATE TABLE IF NOT EXISTS metric_events/CREATE TABLE $DB.metric_events_local ON CLUSTER $CLUSTER_NAME}
REPLICATED="ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/$DB/metric_events_local', '{replica}')"
q s1r1 "${LOCAL/ENGINE = MergeTree/$REPLICATED}" >/dev/null
q s1r1 "CREATE TABLE $DB.metric_events ON CLUSTER $CLUSTER_NAME AS $DB.metric_events_local
  ENGINE = Distributed($CLUSTER_NAME, $DB, metric_events_local, cityHash64(project_id, metric_name))" >/dev/null

insert() { # <node> <table> [URL parameters]: seconds taken
  local start; start=$(now)
  curl -fsS "http://127.0.0.1:$(cluster_node_port "$1" http)/?query=INSERT%20INTO%20$DB.$2%20FORMAT%20JSONEachRow${3:-}" \
    --data-binary @"$WORK/rows.jsonl"
  seconds "$start" "$(now)"
}

say "inserting into one server's MergeTree table (s1r1)"
single=$(insert s1r1 metric_events_single)
say "inserting through the Distributed table (at s1r1, insert_distributed_sync=1)"
distributed=$(insert s1r1 metric_events "&insert_distributed_sync=1")
shard1=$(count s1r1 metric_events_local)
shard2=$(count s2r1 metric_events_local)
start=$(now)
q s1r2 "SYSTEM SYNC REPLICA $DB.metric_events_local" >/dev/null
q s2r2 "SYSTEM SYNC REPLICA $DB.metric_events_local" >/dev/null
replicated=$(seconds "$start" "$(now)")

latency() { # <table>: p50 and p95 in ms of RUNS hot queries at s1r1, after 5 unmeasured ones
  local sql="SELECT attr_string_values[indexOf(attr_string_keys, 'route')] AS route, intDiv(toUInt32(timestamp), 60) AS minute,
    sum(value / client_sample_rate) FROM $DB.$1 WHERE project_id = 7 AND metric_name = 'm7'
    AND timestamp >= toDateTime(1764000000) AND timestamp < toDateTime(1764086400) GROUP BY route, minute ORDER BY route, minute FORMAT Null"
  local i
  for ((i = 0; i < 5; i++)); do q s1r1 "$sql" >/dev/null; done
  for ((i = 0; i < RUNS; i++)); do
    curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$(cluster_node_port s1r1 http)/" --data-binary "$sql"
  done | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "p50 %.0f ms, p95 %.0f ms", t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)] }'
}
say "hot query, $RUNS runs each"
query_single=$(latency metric_events_single)
query_distributed=$(latency metric_events)

say "catch-up: s1r2 killed (SIGKILL), $ROWS more rows inserted, s1r2 restarted"
kill -9 "$(cat "$RUN/cluster-s1r2.pid")"
# The same rows again: without insert_deduplicate=0 the shards would recognise the blocks and store nothing.
insert s1r1 metric_events "&insert_distributed_sync=1&insert_deduplicate=0" >/dev/null
behind=$(( $(count s1r1 metric_events_local) ))
cluster_node_start s1r2
restarted=$(now)
wait_until "ClickHouse s1r2" "$CLUSTER_DIR/s1r2/server.err.log" 60 cluster_node_ready s1r2
while [[ "$(count s1r2 metric_events_local 2>/dev/null || echo 0)" != "$behind" ]]; do sleep 0.2; done
caught_up=$(seconds "$restarted" "$(now)")

rate() { echo "$1 / $2" | bc; }
echo
echo "rows per insert:                        $ROWS (JSONEachRow, $(du -m "$WORK/rows.jsonl" | cut -f1) MB)"
echo "one server, plain MergeTree:            ${single} s, $(rate "$ROWS" "$single") rows/s"
echo "Distributed, 2 shards, sync:            ${distributed} s, $(rate "$ROWS" "$distributed") rows/s in all;" \
  "shard 1 $shard1 rows ($(rate "$shard1" "$distributed") rows/s), shard 2 $shard2 rows ($(rate "$shard2" "$distributed") rows/s)"
echo "second replicas complete after:         ${replicated} s more"
echo "hot query, one server:                  $query_single"
echo "hot query, through Distributed:         $query_distributed"
echo "catch-up of s1r2:                       ${caught_up} s from its restart (start-up included) to all $behind rows of" \
  "its shard, $((behind - shard1)) of them inserted while it was down"
