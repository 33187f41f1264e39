#!/usr/bin/env bash
# ClickHouse's whole cost of storing an event (not a test), with nothing else feeding it: the writer's batches of
# 50,000 bench-shaped rows inserted as Native, INSERTS times, into a copy of metric_events that keeps its three tier
# tables and their views; CPU of the whole ClickHouse process (inserts, views, merges, its own background work) from
# the first insert until no merge of the copy has run for five seconds. What it prints bounds every run of
# bench-ingest.sh on the same machine: no event can be stored for less than ClickHouse alone spends on it, so
# cores × 1,000,000 ÷ (CPU-ms per 1000 rows) is the most events per second this machine could store end to end.
#
#   ./platform up && scripts/bench-clickhouse-ceiling.sh      # INSERTS=80 (4 million rows) by default
#
# Needs the local ClickHouse (port 8123) with the schema ingest-service migrates into the database appmetrics (any
# earlier ./platform up made it). Drops its own database clickhouse_ceiling_bench at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=clickhouse_ceiling_bench
INSERTS=${INSERTS:-80}
source "$ROOT/scripts/lib/bench-clickhouse.sh"
bench_rows "$DB.source"
q "SELECT * FROM $DB.source FORMAT Native" >"$WORK/rows.Native"
# The copy: metric_events and its tier tables as migrated, and the tier views re-pointed at them.
q "CREATE TABLE $DB.metric_events AS appmetrics.metric_events"
views=$(q "SELECT name FROM system.tables WHERE database = 'appmetrics' AND match(name, '^metric_events_downsample_[0-9]+_mv$')")
[[ -n "$views" ]] || { echo "appmetrics has no tier views: run ./platform up once" >&2; exit 1; }
for view in $views; do
  q "CREATE TABLE $DB.${view%_mv} AS appmetrics.${view%_mv}"
  q "$(q "SHOW CREATE TABLE appmetrics.$view FORMAT TSVRaw" | sed "s/appmetrics\./$DB./g")"
done

process_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$SERVER/stat"; }
HZ=$(getconf CLK_TCK)
# What the server spends doing nothing of ours (its logs, other databases' merges), subtracted below.
idle_before=$(process_ticks); sleep 10; idle_ticks_per_s=$(awk "BEGIN { print ($(process_ticks) - $idle_before) / 10 }")

before=$(process_ticks); started=$(date +%s%N)
for _ in $(seq 1 "$INSERTS"); do
  curl -fsS -X POST -T "$WORK/rows.Native" "$CH/?query=INSERT%20INTO%20$DB.metric_events%20FORMAT%20Native"
done
inserted_ms=$(( ($(date +%s%N) - started) / 1000000 ))
quiet=0; waited=0
while (( quiet < 5 && waited < 600 )); do
  merging=$(q "SELECT count() FROM system.merges WHERE database = '$DB'")
  (( merging == 0 )) && quiet=$((quiet + 1)) || quiet=0
  sleep 1; waited=$((waited + 1))
done
total_s=$(awk "BEGIN { print ($(date +%s%N) - $started) / 1e9 }")
rows=$(( INSERTS * 50000 ))
stored=$(q "SELECT count() FROM $DB.metric_events")
(( stored == rows )) || { echo "stored $stored of $rows rows" >&2; exit 1; }
cpu_ms=$(awk "BEGIN { print ($(process_ticks) - $before - $idle_ticks_per_s * $total_s) * 1000 / $HZ }")
parts=$(q "SELECT count() FROM system.parts WHERE active AND database = '$DB' AND table = 'metric_events'")
awk -v cpu="$cpu_ms" -v rows="$rows" -v cores="$(nproc)" -v ins="$inserted_ms" -v total="$total_s" -v parts="$parts" \
    -v idle="$(awk "BEGIN { print $idle_ticks_per_s * 1000 / $HZ }")" 'BEGIN {
  per1000 = cpu / (rows / 1000)
  printf "%d rows in %d inserts of 50,000: inserted in %.1f s, merges settled after %.1f s (%d active parts left)\n", rows, rows / 50000, ins / 1000, total, parts
  printf "ClickHouse, whole process, inserts + 3 tier views + merges: %.1f CPU-ms per 1000 rows (idle: %.0f CPU-ms/s, subtracted)\n", per1000, idle
  printf "so this machine (%d cores) stores at most %.0f events/s end to end, with ClickHouse alone using every core\n", cores, cores * 1000000 / per1000
}'
echo "(load average $(cut -d' ' -f1-3 /proc/loadavg))"
