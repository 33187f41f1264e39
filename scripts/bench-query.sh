#!/usr/bin/env bash
# Benchmark of query-service (not a test): loads >= 10 million events into the separate ClickHouse database
# appmetrics_bench_query (tests, the live stack and bench-ingest.sh's appmetrics_bench are untouched), starts the
# built query-service against it on its own port, and reports p50/p95 latency of the Explorer's typical requests
# next to the single hand-written ClickHouse SQL giving the same answer, measured in the same run, over the same
# HTTP interface.
#
#   scripts/bench-query.sh            # ROWS=10000000 RUNS=30 JIT_WARMUP=400 WARMUP=30 PORT=18082 by default
#   ROWS=20000000 RUNS=50 scripts/bench-query.sh
#
# Needs the local stack (./platform infra) and a packaged query-service (built here when missing). The service applies
# every ClickHouse migration to the database at start (scripts/lib/bench-query-service.sh), as ingest-service does.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CH=${CLICKHOUSE_URL:-http://127.0.0.1:8123}
DB=appmetrics_bench_query
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-30}
# The service runs warm in production, so it is measured warm. A fresh JVM keeps compiling for over a thousand
# requests: its C2 compiler threads then take a core from ClickHouse (2 cores here) and the request path still runs
# in less optimised code. JIT_WARMUP rounds of all the measured API requests come first (measured on this machine:
# the JIT's CPU per 25 rounds falls from 1.9 s to about 0.1 s by round 400); then WARMUP calls of each request and
# its SQL, alternating, precede its measured runs. The output shows the JIT's compile time during each measurement.
JIT_WARMUP=${JIT_WARMUP:-400}
WARMUP=${WARMUP:-30}
PORT=${PORT:-18082}
ORG=424242000
PROJECT=424242001
DAYS=7
# Its events are reused by the next run.
KEEP_DATABASE=1
# shellcheck source=scripts/lib/bench-query-service.sh
source "$ROOT/scripts/lib/bench-query-service.sh"

bench_refuse_taken_port
# Events are reused from an earlier run only from a database the service migrated (one with its migration log).
loaded=$(curl -sS "$CH/" --data-binary "SELECT count() FROM $DB.metric_events WHERE project_id = $PROJECT" 2>/dev/null \
  | grep -E '^[0-9]+$' || echo 0)
migrated=$(curl -sS "$CH/" --data-binary "EXISTS TABLE $DB.schema_migrations" 2>/dev/null | grep -E '^[01]$' || echo 0)
if ((loaded < ROWS || migrated != 1)); then
  curl -sS --fail-with-body "$CH/" --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null
  loaded=0
fi

# ------------------------------------------------------------------ service (applies the migrations)
if [[ ! -f "$QUERY_SERVICE_JAR" ]]; then
  bench_package_query_service
fi
bench_publish_grant bench
bench_start_query_service

# ------------------------------------------------------------------ data
if ((loaded < ROWS)); then
  say "loading $ROWS events over $DAYS days into $DB.metric_events (once; later runs reuse them)"
  bench_load_events "$ROWS" "$DAYS"
  echo "OPTIMIZE TABLE metric_events FINAL" | ch >/dev/null || true
fi
END=$(echo "SELECT intDiv(toUInt32(max(timestamp)) + 1, 300) * 300 FROM metric_events WHERE project_id = $PROJECT" | ch)
START=$((END - 86400))
total=$(echo "SELECT count() FROM metric_events" | ch)
in_range=$(echo "SELECT count() FROM metric_events WHERE project_id = $PROJECT AND metric_name = 'bench.latency' AND timestamp >= toDateTime($START) AND timestamp < toDateTime($END)" | ch)
say "$total events in $DB; bench.latency has $in_range in the 24 hours measured"

bench_wait_for_project

# ------------------------------------------------------------------ measurements
sql() {
  curl -sS --fail-with-body -o /dev/null -w '%{time_total}\n' "$CH/?database=$DB&readonly=2" --data-binary "$1"
}
# Milliseconds the service's JIT has spent compiling so far (jstat's total compile time).
jit_ms() {
  jstat -compiler "$SERVICE_PID" | awk 'NR == 2 { printf "%d\n", $4 * 1000 }'
}
# p50 and p95 in milliseconds of the numbers on stdin (nearest-rank).
percentiles() {
  sort -n | awk '{ v[NR] = $1 * 1000 } END {
    i50 = int(NR * 0.50 + 0.999999); i95 = int(NR * 0.95 + 0.999999);
    printf "%.1f %.1f\n", v[i50], v[i95] }'
}
# measure <name> <path> <body> <sql>: alternates API and SQL runs so both see the same machine load.
measure() {
  local name=$1 path=$2 body=$3 query=$4 a=() s=() jit
  for ((i = 0; i < WARMUP; i++)); do bench_api "$path" "$body" >/dev/null; sql "$query" >/dev/null; done
  jit=$(jit_ms)
  for ((i = 0; i < RUNS; i++)); do a+=("$(bench_api "$path" "$body")"); s+=("$(sql "$query")"); done
  jit=$(($(jit_ms) - jit))
  read -r a50 a95 < <(printf '%s\n' "${a[@]}" | percentiles)
  read -r s50 s95 < <(printf '%s\n' "${s[@]}" | percentiles)
  printf '| %s | %s | %s | %s | %s | %.2f | %.2f | %s |\n' "$name" "$a50" "$a95" "$s50" "$s95" \
    "$(echo "$a50 / $s50" | bc -l)" "$(echo "$a95 / $s95" | bc -l)" "$jit"
}

bench_requests "$START" "$END"
WHERE="project_id = $PROJECT AND metric_name = 'bench.latency' AND timestamp >= toDateTime($START) AND timestamp < toDateTime($END)"
W="1 / client_sample_rate"

say "warming the service's JIT up: $JIT_WARMUP rounds of the measured requests"
for ((i = 0; i < JIT_WARMUP; i++)); do
  bench_api /api/v1/query/timeseries "$GROUPED" >/dev/null
  bench_api /api/v1/query/timeseries "$APDEX" >/dev/null
  bench_api /api/v1/query/samples "$SAMPLES" >/dev/null
done

echo "ROWS=$ROWS RUNS=$RUNS JIT_WARMUP=$JIT_WARMUP WARMUP=$WARMUP; bench.latency events in the measured 24 h:" \
  "$in_range; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| request | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | ratio p50 | ratio p95 | JIT compiling ms |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
measure "p95 over 24 h grouped by region (5-minute buckets)" /api/v1/query/timeseries "$GROUPED" \
  "SELECT intDiv(toUInt32(timestamp), 300) * 300 AS b, attr_string_values[indexOf(attr_string_keys, 'region')] AS region, quantileExactWeighted(0.95)(value, toUInt64(round(1000 / client_sample_rate))) FROM metric_events WHERE $WHERE GROUP BY b, region FORMAT JSONCompact"
measure "three counts and an equation (Apdex)" /api/v1/query/timeseries "$APDEX" \
  "SELECT b, a, h, c, (a + h / 2) / c FROM (SELECT intDiv(toUInt32(timestamp), 300) * 300 AS b, sumIf($W, value < 100) AS a, sumIf($W, value > 200 AND value < 400) AS h, sum($W) AS c FROM metric_events WHERE $WHERE GROUP BY b) FORMAT JSONCompact"
measure "samples page (50 newest, region:eu)" /api/v1/query/samples "$SAMPLES" \
  "SELECT timestamp_ms, project_id, metric_name, metric_kind, value, unit, trace_id, span_id, client_sample_rate, attr_string_keys, attr_string_values, attr_int_keys, attr_int_values, attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values FROM metric_events WHERE $WHERE AND has(attr_string_keys, 'region') AND attr_string_values[indexOf(attr_string_keys, 'region')] = 'eu' ORDER BY timestamp_ms DESC, value DESC LIMIT 51 FORMAT JSONCompact"
# The API bounds the page first (SamplesSql); the same trick written by hand, for an honest second comparison.
SAMPLE_WHERE="$WHERE AND has(attr_string_keys, 'region') AND attr_string_values[indexOf(attr_string_keys, 'region')] = 'eu'"
measure "samples page, against hand-written SQL bounded the same way" /api/v1/query/samples "$SAMPLES" \
  "SELECT timestamp_ms, project_id, metric_name, metric_kind, value, unit, trace_id, span_id, client_sample_rate, attr_string_keys, attr_string_values, attr_int_keys, attr_int_values, attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values FROM metric_events WHERE $SAMPLE_WHERE AND timestamp >= (SELECT min(timestamp) FROM (SELECT timestamp FROM metric_events WHERE $SAMPLE_WHERE ORDER BY timestamp DESC LIMIT 51)) ORDER BY timestamp_ms DESC, value DESC LIMIT 51 FORMAT JSONCompact"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
