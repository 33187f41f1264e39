-- Retention (docs/ingest.md): every row carries its project's retention class, and the table is partitioned by
-- (retention_days, week) so that expiry drops whole partitions, on 18.16 (no TTL) as on current servers. A relayout
-- migration: the rows are copied into this layout and the tables swapped (Relayout); rows copied from before carry
-- the default class. A row written without the column gets 0 on 18.16, read as the default.
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
    received_at DateTime,
    kafka_partition UInt16,
    kafka_offset UInt64,
    retention_days UInt16 DEFAULT 30
) ENGINE = MergeTree
PARTITION BY (retention_days, toMonday(timestamp))
ORDER BY (project_id, trace_id, timestamp_ms)
SETTINGS index_granularity = 8192
