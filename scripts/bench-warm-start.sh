#!/usr/bin/env bash
# Warm-start benchmark of query-service (not a test): how much more CPU a new query-service spends on its first
# requests than once it is warm. It starts a fresh packaged query-service (as a new pod would be) against a dataset
# of its own in the ClickHouse database appmetrics_bench_warm, sends BLOCKS blocks of REQUESTS requests (the
# Explorer's three typical requests in turn, one at a time) and reports for each block the CPU the service process
# used (user + system, every thread: request path, JIT compiler, GC), its JIT compile time and the wall time, then
# the first block's CPU against the second's. Issue 22's target: the first 1,000 requests at most 1.5 times the next.
#
#   scripts/bench-warm-start.sh          # REQUESTS=1000 BLOCKS=3 ROWS=1000000 PORT=18083 by default
#   LOAD_FIRST=1 scripts/bench-warm-start.sh
#
# Needs the local stack (./platform infra) and a packaged query-service (built here when missing). Before the first
# block the service has only answered its readiness probe and the catalog request that waits for the project.
# By default the events are loaded once the service is ready, so its self-warm-up finds an empty database; with
# LOAD_FIRST=1 a first service applies the migrations, the events are loaded, and the measured service starts after,
# as a new pod of a running platform does: its warm-up then reads them (the measured requests are the same).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CH=${CLICKHOUSE_URL:-http://127.0.0.1:8123}
DB=appmetrics_bench_warm
ROWS=${ROWS:-1000000}
DAYS=1
REQUESTS=${REQUESTS:-1000}
BLOCKS=${BLOCKS:-3}
PORT=${PORT:-18083}
ORG=424242100
PROJECT=424242101
# shellcheck source=scripts/lib/bench-query-service.sh
source "$ROOT/scripts/lib/bench-query-service.sh"

bench_refuse_taken_port
curl -sS --fail-with-body "$CH/" --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null
[[ -f "$QUERY_SERVICE_JAR" ]] || bench_package_query_service
bench_publish_grant warm
bench_start_query_service
say "loading $ROWS events over $DAYS day into $DB.metric_events"
bench_load_events "$ROWS" "$DAYS"
if [[ "${LOAD_FIRST:-0}" == 1 ]]; then
  say "restarting query-service, which now warms up on the loaded events"
  kill "$SERVICE_PID" && wait "$SERVICE_PID" || true
  bench_start_query_service
fi
END=$(echo "SELECT intDiv(toUInt32(max(timestamp)) + 1, 300) * 300 FROM metric_events WHERE project_id = $PROJECT" | ch)
bench_requests "$((END - 86400))" "$END"
bench_wait_for_project

TICKS_PER_SECOND=$(getconf CLK_TCK)
cpu_ms() { # user + system time of the service process so far
  awk -v hz="$TICKS_PER_SECOND" '{ sub(/.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / hz }' "/proc/$SERVICE_PID/stat"
}
jit_ms() { # the JIT's total compile time so far (jstat)
  jstat -compiler "$SERVICE_PID" | awk 'NR == 2 { printf "%d\n", $4 * 1000 }'
}
PATHS=(/api/v1/query/timeseries /api/v1/query/timeseries /api/v1/query/samples)
BODIES=("$GROUPED" "$APDEX" "$SAMPLES")

echo "REQUESTS=$REQUESTS ROWS=$ROWS LOAD_FIRST=${LOAD_FIRST:-0}; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up (readiness data): $(curl -sS "http://127.0.0.1:$PORT/q/health/ready" | tr -d ' \n' | grep -o '"name":"warm-up"[^}]*}[^}]*}')"
echo
echo "| block | requests | service CPU ms | CPU ms per request | JIT compiling ms | wall s |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
cpu=()
for ((block = 1; block <= BLOCKS; block++)); do
  c0=$(cpu_ms) j0=$(jit_ms) t0=$(date +%s%N)
  for ((i = 0; i < REQUESTS; i++)); do
    bench_api "${PATHS[i % 3]}" "${BODIES[i % 3]}" >/dev/null
  done
  c=$(($(cpu_ms) - c0))
  cpu+=("$c")
  printf '| %d | %d–%d | %d | %.2f | %d | %.1f |\n' "$block" "$(((block - 1) * REQUESTS + 1))" "$((block * REQUESTS))" \
    "$c" "$(echo "$c / $REQUESTS" | bc -l)" "$(($(jit_ms) - j0))" "$(echo "($(date +%s%N) - $t0) / 10^9" | bc -l)"
done
echo
printf 'first block / second block CPU: %.2f (target ≤ 1.5)\n' "$(echo "${cpu[0]} / ${cpu[1]}" | bc -l)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
