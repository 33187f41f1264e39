-- One row per error event: its primary exception (type, value) and that exception's stack frames as parallel
-- arrays, innermost frame last as Sentry sends them. Same layout as spans and logs: (project_id, trace_id) is a
-- primary-key range in each day partition; a time range of one project prunes day partitions.
CREATE TABLE IF NOT EXISTS errors (
    organization_id UInt64,
    project_id UInt64,
    event_id String,
    trace_id String,
    span_id String,
    timestamp DateTime,
    timestamp_ms Int64,
    level String,
    exception_type String,
    exception_value String,
    frame_filenames Array(String),
    frame_functions Array(String),
    frame_lines Array(UInt32),
    frame_in_app Array(UInt8),
    release String,
    environment String,
    transaction String,
    received_at DateTime
) ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY (project_id, trace_id, timestamp_ms)
SETTINGS index_granularity = 8192
