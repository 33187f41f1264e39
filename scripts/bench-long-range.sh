#!/usr/bin/env bash
# Long-range benchmark of query-service and its downsampled tiers (not a test; issue 17): loads ROWS metric events
# over 30 days into the separate ClickHouse database appmetrics_bench_long_range through the real migrations (the
# tier views fill metric_events_downsample_{8,64,512} as in production), then measures, side by side in one run and
# through the API, a 30-day p95-by-region panel and a 30-day count panel with "sampling": "auto" (tiers) and
# "sampling": "exact", and the relative error of each tiered answer against the exact one per bucket, with the
# errors (of the count; of the p95 in rank) set against the binomial bound of docs/query.md at the tier's weight, and
# the answer's storedEvents against the tier's rows. Drops its database at the end.
#
#   scripts/bench-long-range.sh      # ROWS=100000000 RUNS=20 WARMUP=3 JIT_WARMUP=100 PORT=18083 KEEP=0 by default
#   KEEP=1 scripts/bench-long-range.sh   # keeps the database: a later run finding ROWS events there skips the load
#   SERVICE_OPTS='-Dquarkus.cache.caffeine."metric-shapes".expire-after-write=1H' scripts/bench-long-range.sh
#                                        # JVM options of the measured query-service (here: shapes cached an hour)
#
# Needs the local stack (./platform infra) and about 90 bytes of free disk per event (8.1 GiB for 100 million, with
# the tiers) beyond a 10 GiB margin; it refuses to load otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CH=${CLICKHOUSE_URL:-http://127.0.0.1:8123}
DB=appmetrics_bench_long_range
ROWS=${ROWS:-100000000}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
# The service is measured warm, as in production (see bench-query.sh): JIT_WARMUP rounds of the tiered requests.
JIT_WARMUP=${JIT_WARMUP:-100}
PORT=${PORT:-18083}
KEEP=${KEEP:-0}
DAYS=30
# 3 h buckets: what a 30-day range gets by default (at most 300 points), and aligned with the data's end.
BUCKET=10800
ORG=525252000
PROJECT=525252001
KEEP_DATABASE=$KEEP
# shellcheck source=scripts/lib/bench-query-service.sh
source "$ROOT/scripts/lib/bench-query-service.sh"

curl -fsS "$CH/ping" >/dev/null || { echo "ClickHouse is not running: ./platform infra" >&2; exit 1; }
bench_refuse_taken_port
loaded=$(curl -sS "$CH/" --data-binary "SELECT count() FROM $DB.metric_events" 2>/dev/null | grep -E '^[0-9]+$' || echo 0)
if ((loaded != ROWS)); then
  # The free space ClickHouse's disk must keep after the load: a full disk stops every engineer's ClickHouse.
  server_path=$(curl -sS "$CH/" --data-binary "SELECT metadata_path FROM system.tables WHERE metadata_path != '' LIMIT 1")
  free_kb=$(df -Pk "$(dirname "${server_path:-/}")" | awk 'NR == 2 { print $4 }')
  need_kb=$((ROWS * 90 / 1024 + 10 * 1024 * 1024))
  ((free_kb > need_kb)) || { echo "not enough free disk: $((free_kb / 1048576)) GiB, need $((need_kb / 1048576))" >&2; exit 1; }
  curl -sS --fail-with-body "$CH/" --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null
fi

# ------------------------------------------------------------------ service (applies the migrations)
bench_package_query_service
bench_publish_grant bench-long-range
bench_start_query_service ${SERVICE_OPTS:-}
views=$(echo "SELECT count() FROM system.tables WHERE database = '$DB' AND name LIKE 'metric_events_downsample_%_mv'" | ch)
((views == 3)) || { echo "expected the 3 tier views of metric_events in $DB, found $views" >&2; exit 1; }

# ------------------------------------------------------------------ data
# Events end at a 3-hour boundary before now: 30% bench.latency (the panels' distribution), 30% bench.requests
# (counter), 20% bench.db.latency (distribution), 20% bench.memory (gauge), each with five regions and three routes;
# client sample rates 1, 1, 0.5 and 0.25; a trace id of its own per event (a metric sent once per request), so the
# tiers keep each event with probability 1/w independently. The panels' metric is not all 100 million: its exact
# p95 panel would then take longer than the API's 30 s statement limit on this machine.
END_TIME=$(( $(date +%s) / BUCKET * BUCKET ))
if ((loaded != ROWS)); then
  say "loading $ROWS events over $DAYS days into $DB.metric_events, a day per INSERT (the 3 tier views fill on insert)"
  per_day=$((ROWS / DAYS))
  load_start=$(date +%s.%N)
  for ((day = 0; day < DAYS; day++)); do
    first=$((day * per_day))
    count=$(( day == DAYS - 1 ? ROWS - first : per_day ))
    ch >/dev/null <<SQL
INSERT INTO metric_events (organization_id, project_id, metric_name, metric_kind, unit, timestamp, timestamp_ms, value,
  client_sample_rate, trace_id, span_id, attr_string_keys, attr_string_values, attr_int_keys, attr_int_values,
  attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values, received_at, kafka_partition, kafka_offset)
SELECT $ORG, $PROJECT,
  multiIf(number % 10 < 3, 'bench.latency', number % 10 < 6, 'bench.requests', number % 10 < 8, 'bench.db.latency', 'bench.memory'),
  CAST(multiIf(number % 10 < 3, 'distribution', number % 10 < 6, 'counter', number % 10 < 8, 'distribution', 'gauge') AS Enum8('counter' = 1, 'gauge' = 2, 'distribution' = 3)),
  multiIf(number % 10 < 3, 'millisecond', number % 10 < 6, 'none', number % 10 < 8, 'millisecond', 'byte'),
  toDateTime($END_TIME - $DAYS * 86400 + intDiv(number * $DAYS * 86400, $ROWS)) AS ts,
  toInt64(toUInt32(ts)) * 1000 + number % 1000,
  -- long-tailed like latencies: about log-normal (median 34, p95 149, max 478) from three uniforms, to 0.1
  round(exp(3.5 + 0.9 * 2 * ((cityHash64(number) % 10000 + cityHash64(number, 6) % 10000 + cityHash64(number, 7) % 10000) / 10000 - 1.5)), 1),
  [1., 1., 0.5, 0.25][cityHash64(number, 1) % 4 + 1],
  concat(lower(hex(cityHash64(number, 2))), lower(hex(cityHash64(number, 3)))),
  lower(hex(cityHash64(number, 4))),
  ['region', 'route'],
  [['eu', 'us', 'ap', 'sa', 'af'][cityHash64(number, 5) % 5 + 1], ['/a', '/b', '/checkout'][number % 3 + 1]],
  ['retries'], [toInt64(number % 4)],
  CAST([] AS Array(String)), CAST([] AS Array(Float64)),
  ['cached'], [toUInt8(number % 2)],
  ts, 0, number
FROM numbers($first, $count)
SQL
    printf '.' >&2
  done
  echo >&2
  LOAD_SECONDS=$(python3 -c "import time; print('%.0f' % (time.time() - $load_start))")
  merge_start=$(date +%s)
  # The panels are measured on settled parts, as a day-old table is: wait for the background merges of the load.
  while (( $(echo "SELECT count() FROM system.merges WHERE database = '$DB'" | ch) > 0 )); do sleep 5; done
  MERGE_SECONDS=$(($(date +%s) - merge_start))
  LOAD_NOTE="loaded in $LOAD_SECONDS s ($(python3 -c "print(round($ROWS / $LOAD_SECONDS))") events/s with the tier views), background merges settled $MERGE_SECONDS s later"
else
  END_TIME=$(echo "SELECT intDiv(toUInt32(max(timestamp)), $BUCKET) * $BUCKET + $BUCKET FROM metric_events" | ch)
  LOAD_NOTE="reused from an earlier KEEP=1 run"
fi
START=$((END_TIME - DAYS * 86400))
tiers=$(echo "SELECT arrayStringConcat(groupArray(toString(c)), ' / ') FROM (SELECT name, sum(rows) AS c FROM system.parts WHERE database = '$DB' AND active AND table LIKE 'metric_events%' GROUP BY table AS name ORDER BY length(name), name)" | ch)
disk=$(echo "SELECT formatReadableSize(sum(bytes_on_disk)) FROM system.parts WHERE database = '$DB' AND active" | ch)
panel_rows=$(echo "SELECT count() FROM metric_events WHERE project_id = $PROJECT AND metric_name = 'bench.latency'" | ch)
say "$LOAD_NOTE; rows in metric_events / _8 / _64 / _512: $tiers; $disk on disk"

# ------------------------------------------------------------------ measurements
api() { # api <body> [answer file]: prints the seconds the request took
  curl -sS --fail-with-body -o "$WORK/answer.json" -w '%{time_total}\n' \
    "http://127.0.0.1:$PORT/api/v1/query/timeseries" -H "Authorization: Bearer $SERVICE_TOKEN" \
    -H "X-Appmetrics-Organization: $ORG" -H 'Content-Type: application/json' --data-binary "$1" \
    || { echo "$1 answered:" >&2; cat "$WORK/answer.json" >&2; tail -20 "$WORK/service.log" >&2; exit 1; }
  [[ -z "${2:-}" ]] || cp "$WORK/answer.json" "$2"
}
percentiles() { # p50 and p95 in milliseconds of the seconds on stdin (nearest rank)
  sort -n | awk '{ v[NR] = $1 * 1000 } END {
    printf "%.0f %.0f\n", v[int(NR * 0.50 + 0.999999)], v[int(NR * 0.95 + 0.999999)] }'
}
panel() { # panel <query JSON> <sampling>
  echo "{\"projects\": [$PROJECT], \"start\": \"$(iso $START)\", \"end\": \"$(iso $END_TIME)\", \"queries\": [$1], \"sampling\": \"$2\"}"
}
P95='{"label": "A", "metric": "bench.latency", "aggregate": "p95", "groupBy": ["region"]}'
COUNT='{"label": "A", "metric": "bench.latency", "aggregate": "count"}'

bench_wait_for_project
say "warming the service's JIT up: $JIT_WARMUP rounds of the tiered requests"
for ((i = 0; i < JIT_WARMUP; i++)); do
  api "$(panel "$P95" auto)" >/dev/null
  api "$(panel "$COUNT" auto)" >/dev/null
done

# measure <name> <query JSON>: alternates tiered and exact requests so both see the same machine load.
measure() {
  local name=$1 query=$2 tiered=() exact=()
  for ((i = 0; i < WARMUP; i++)); do
    api "$(panel "$query" auto)" >/dev/null
    api "$(panel "$query" exact)" >/dev/null
  done
  for ((i = 0; i < RUNS; i++)); do
    tiered+=("$(api "$(panel "$query" auto)" "$WORK/$name.auto.json")")
    exact+=("$(api "$(panel "$query" exact)" "$WORK/$name.exact.json")")
  done
  read -r t50 t95 < <(printf '%s\n' "${tiered[@]}" | percentiles)
  read -r e50 e95 < <(printf '%s\n' "${exact[@]}" | percentiles)
  printf '%s %s %s %s\n' "$t50" "$t95" "$e50" "$e95" >"$WORK/$name.ms"
}

say "measuring: $RUNS alternating pairs (tiered, exact) of each panel after $WARMUP pairs of warm-up"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
measure p95 "$P95"
measure count "$COUNT"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "ROWS=$ROWS RUNS=$RUNS WARMUP=$WARMUP JIT_WARMUP=$JIT_WARMUP; $LOAD_NOTE; rows in metric_events / _8 / _64 /" \
  "_512: $tiers ($disk); bench.latency events in the 30 days: $panel_rows; $(nproc) cores; load average before:" \
  "$LOAD_BEFORE, after: $LOAD_AFTER"
echo
# The errors, and the bounds they are held to, computed from the exact rows by the SQL below, not by the code under test.
python3 - "$WORK" "$CH/?database=$DB" "$PROJECT" "$START" "$END_TIME" "$BUCKET" <<'PY'
import json, math, sys, urllib.error, urllib.request
work, clickhouse, project, start, end, bucket = sys.argv[1:]

def sql(statement):
    try:
        with urllib.request.urlopen(urllib.request.Request(clickhouse, statement.encode())) as answer:
            return [line.split("\t") for line in answer.read().decode().splitlines()]
    except urllib.error.HTTPError as error:
        sys.exit(f"ClickHouse: {error.read().decode()}")

def pct(values, p):
    values = sorted(values)
    return values[max(0, math.ceil(p * len(values)) - 1)] if values else float("nan")

# Per bucket (and region): the exact weighted count n = sum(1/r) and s = sum(1/r^2). A tier of weight w keeps each
# event with p = 1/w and counts it w/r, so its count's standard error is sqrt((w - 1) * s): docs/query.md's
# binomial bound sqrt(N * (w - 1)) when every r is 1. threshold(key) is the tiered p95 of that bucket and region, and
# rank the weighted share of the exact events at or below it: 0.95 for a p95 without error.
def exact_rows(group_by_region, thresholds):
    keys, values = zip(*thresholds.items()) if thresholds else ((), ())
    region = "attr_string_values[indexOf(attr_string_keys, 'region')]" if group_by_region else "''"
    return {(int(row[0]), row[1]): tuple(map(float, row[2:])) for row in sql(
        f"SELECT intDiv(toUInt32(timestamp), {bucket}) * {bucket} * 1000 AS b, {region} AS region, "
        "sum(1 / client_sample_rate) AS n, sum(1 / (client_sample_rate * client_sample_rate)), "
        + (f"sumIf(1 / client_sample_rate, value <= transform(concat(toString(b), '|', region), "
           f"{list(keys)!r}, {[float(v) for v in values]!r}, -1.)) / n " if keys else "0 ") +
        f"FROM metric_events WHERE project_id = {project} AND metric_name = 'bench.latency' "
        f"AND timestamp >= toDateTime({start}) AND timestamp < toDateTime({end}) "
        "GROUP BY b, region FORMAT TabSeparated")}

# The rows of the tier per bucket (and region): what the answer's storedEvents must say.
def stored_rows(table, group_by_region):
    region = "attr_string_values[indexOf(attr_string_keys, 'region')]" if group_by_region else "''"
    return {(int(row[0]), row[1]): int(row[2]) for row in sql(
        f"SELECT intDiv(toUInt32(timestamp), {bucket}) * {bucket} * 1000 AS b, {region} AS region, count() "
        f"FROM {table} WHERE project_id = {project} AND metric_name = 'bench.latency' "
        f"AND timestamp >= toDateTime({start}) AND timestamp < toDateTime({end}) GROUP BY b, region FORMAT TabSeparated")}

print("| panel (30 days, 3 h buckets) | tier (weight) | tiered p50 ms | tiered p95 ms | exact p50 ms | exact p95 ms "
      "| relative error per bucket, median | p95 | buckets |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
notes = []
for name, title in (("p95", "p95 of bench.latency by region"), ("count", "count of bench.latency")):
    t50, t95, e50, e95 = open(f"{work}/{name}.ms").read().split()
    tiered, exact = (json.load(open(f"{work}/{name}.{s}.json")) for s in ("auto", "exact"))
    sampling = tiered.get("sampling")
    if sampling is None:
        notes.append(f"{name}: the answer has no 'sampling' (no tier choice in this build): both read the exact table")
    tier, weight = (sampling["tier"], sampling["weight"]) if sampling else ("(none)", 1)
    if sampling:
        notes.append(f"{name}: auto read {tier} for an estimate of {sampling.get('estimatedRows')} exact rows "
                     f"(budget {sampling.get('rowBudget')}), {sampling.get('storedEvents')} stored events behind it")
    truth = {json.dumps(s["group"], sort_keys=True): s["values"] for s in exact["series"]}
    cells, stored, low = [], {}, 0  # cells: (timestamp, region, estimate, exact value)
    for series in tiered["series"]:
        region = series["group"].get("region", "")
        for i, (timestamp, estimate, value) in enumerate(zip(tiered["timestamps"], series["values"],
                                                             truth[json.dumps(series["group"], sort_keys=True)])):
            cells.append((timestamp, region, estimate, value))
            stored[(timestamp, region)] = (series.get("storedEvents") or [None] * len(series["values"]))[i]
            low += bool((series.get("lowConfidence") or [False] * len(series["values"]))[i])
    errors = [abs((estimate or 0) - value) / value for _, _, estimate, value in cells if value]
    print(f"| {title} | {tier} ({weight}) | {t50} | {t95} | {e50} | {e95} | {pct(errors, .5):.2%} | "
          f"{pct(errors, .95):.2%} | {len(errors)} |")
    if weight == 1:
        continue
    grouped = name == "p95"
    rows = stored_rows("metric_events_" + tier, grouped)
    matching = sum(stored[key] == rows.get(key, 0) for key in stored)
    notes.append(f"{name}: storedEvents equals the rows of metric_events_{tier} in {matching} of {len(stored)} "
                 f"buckets (median {pct([v for v in stored.values() if v is not None], .5)}); {low} flagged lowConfidence")
    rows = exact_rows(grouped, {f"{t}|{r}": e for t, r, e, _ in cells if grouped and e is not None})
    within, in_errors, bounds = 0, [], []
    for timestamp, region, estimate, value in cells:
        n, s, rank = rows[(timestamp, region)]
        if grouped:  # the error of the tiered p95 in rank, against the standard error of a sampled share
            standard_error, error = math.sqrt((weight - 1) * s * 0.95 * 0.05) / n, abs(rank - 0.95)
        else:
            standard_error, error = math.sqrt((weight - 1) * s) / n, abs((estimate or 0) - value) / value
        in_errors.append(error / standard_error)
        bounds.append(2 * standard_error)
        within += error <= 2 * standard_error
    what = "rank of the tiered p95 among the exact events" if grouped else "count"
    notes.append(f"{name}: error of the {what} against the binomial bound at weight {weight} (two standard errors; "
                 f"median bound {pct(bounds, .5):.2%}): {within} of "
                 f"{len(cells)} buckets within it ({within / len(cells):.0%}; 95% expected); error in standard errors: "
                 f"median {pct(in_errors, .5):.2f}, p95 {pct(in_errors, .95):.2f} (0.67 and 1.96 expected)")
print()
for note in notes:
    print(note)
PY
