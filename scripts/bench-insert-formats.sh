#!/usr/bin/env bash
# ClickHouse's own cost of inserting the writer's rows (not a test): the same 50,000 bench-shaped metric_events rows
# posted ROUNDS times ten times into a copy of the table, as JSONEachRow in the form the writer sent before issue 22
# (numbers and epoch times unquoted) and as Native (what it sends now), alternating. Reports the CPU of ClickHouse's
# HTTP handler threads (from /proc; merges run in other threads and are not counted) and the wall time.
#
#   ./platform up && scripts/bench-insert-formats.sh      # ROUNDS=3 by default
#
# Needs the local ClickHouse (port 8123) with the schema ingest-service migrates into the database appmetrics (any
# earlier ./platform up made it). Drops its own database insert_formats_bench at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=insert_formats_bench
ROUNDS=${ROUNDS:-3}
source "$ROOT/scripts/lib/bench-clickhouse.sh"
bench_rows "$DB.source"
q "CREATE TABLE $DB.target AS appmetrics.metric_events"
q "SELECT * FROM $DB.source FORMAT Native" >"$WORK/rows.Native"
# ClickHouse quotes 64-bit integers and writes times as text; the writer wrote both as plain numbers.
q "SELECT * FROM $DB.source FORMAT JSONEachRow" | python3 -c '
import calendar, json, sys, time
for line in sys.stdin:
    row = json.loads(line)
    for key in ("organization_id", "project_id", "timestamp_ms", "kafka_offset"):
        row[key] = int(row[key])
    row["attr_int_values"] = [int(v) for v in row["attr_int_values"]]
    for key in ("timestamp", "received_at"):
        row[key] = calendar.timegm(time.strptime(row[key], "%Y-%m-%d %H:%M:%S"))
    print(json.dumps(row, separators=(",", ":"), ensure_ascii=False))' >"$WORK/rows.JSONEachRow"

handler_ticks() { # utime + stime of ClickHouse's HTTP handler threads
  for task in /proc/"$SERVER"/task/*; do
    [[ $(cat "$task/comm" 2>/dev/null) == HTTPHandler* ]] || continue
    awk '{ sub(/.*\) /, ""); print $12 + $13 }' "$task/stat"
  done | awk '{ s += $1 } END { print s + 0 }'
}
HZ=$(getconf CLK_TCK)
echo "50,000 rows ($(du -h "$WORK/rows.JSONEachRow" | cut -f1) as JSONEachRow, $(du -h "$WORK/rows.Native" | cut -f1) as Native), ten inserts per format and round"
for round in $(seq 1 "$ROUNDS"); do
  for format in JSONEachRow Native; do
    before=$(handler_ticks); started=$(date +%s%N)
    for _ in $(seq 1 10); do
      curl -fsS -X POST -T "$WORK/rows.$format" "$CH/?query=INSERT%20INTO%20$DB.target%20FORMAT%20$format"
    done
    cpu_ms=$(( ($(handler_ticks) - before) * 1000 / HZ )); wall_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "round $round $format: $cpu_ms CPU-ms for 500,000 rows ($(awk "BEGIN { printf \"%.1f\", $cpu_ms / 500 }") per 1000), wall $wall_ms ms"
  done
done
echo "(load average $(cut -d' ' -f1-3 /proc/loadavg))"
