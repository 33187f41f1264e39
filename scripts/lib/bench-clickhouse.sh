# What the ClickHouse-only benchmarks (bench-insert-formats.sh, bench-clickhouse-ceiling.sh) share, sourced by them
# after they set DB: the local server (port 8123) and its process id, a work folder, q (runs its argument there), a
# fresh database DB dropped at exit with the work folder, and bench-shaped rows. Needs the schema ingest-service
# migrates into the database appmetrics (any earlier ./platform up made it).
CH=http://127.0.0.1:8123
WORK=$(mktemp -d)
q() { curl -fsS "$CH/" --data-binary "$1"; }
trap 'q "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

SERVER=$(ss -ltnpH "sport = :8123" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[[ -n "$SERVER" ]] || { echo "ClickHouse is not running: ./platform infra" >&2; exit 1; }
q "DROP DATABASE IF EXISTS $DB"
q "CREATE DATABASE $DB"

# Shaped like bench-ingest.sh's events: three kinds, six string attributes, an integer and a boolean, one trace per
# 100 events.

# bench_rows TABLE: creates TABLE like appmetrics.metric_events and fills it with 50,000 rows.
bench_rows() {
  q "CREATE TABLE $1 AS appmetrics.metric_events"
  q "INSERT INTO $1 (organization_id, project_id, metric_name, metric_kind, unit, timestamp, timestamp_ms, value,
       client_sample_rate, trace_id, span_id, attr_string_keys, attr_string_values, attr_int_keys, attr_int_values,
       attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values, received_at, kafka_partition,
       kafka_offset, retention_days, downsampled_retention_days)
     SELECT 7, 123456789, concat('bench.', ['counter', 'gauge', 'distribution'][number % 3 + 1], '.', toString(number % 10)),
       number % 3 + 1, if(number % 3 = 0, '', 'millisecond'), now(), toInt64(now()) * 1000 + number % 1000,
       number * 0.37, 1, lower(hex(MD5(toString(intDiv(number, 100))))),
       substring(lower(hex(MD5(toString(intDiv(number, 100))))), 1, 16),
       ['server.address', 'route', 'sentry.release', 'sentry.environment', 'sentry.sdk.name', 'sentry.sdk.version'],
       ['vm', ['/checkout', '/cart', '/login'][number % 3 + 1], 'bench@1.0.0', 'bench', 'sentry.javascript.node', '11.12.0'],
       ['attempt'], [toInt64(number % 5)], [], [], ['ok'], [toUInt8(number % 2)], now(), number % 4, number, 30, 396
     FROM numbers(50000)"
}
