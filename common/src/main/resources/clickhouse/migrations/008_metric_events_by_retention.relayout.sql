-- Retention (docs/ingest.md): every row carries its project's retention class, and the table is partitioned by
-- (retention_days, week) so that expiry drops whole partitions, on 18.16 (no TTL) as on current servers. A relayout
-- migration: the rows are copied into this layout and the tables swapped (Relayout); rows copied from before carry
-- the default class. A row written without the column gets 0 on 18.16, read as the default.
CREATE TABLE IF NOT EXISTS metric_events (
    organization_id UInt64,
    project_id UInt64,
    metric_name String,
    metric_kind Enum8('counter' = 1, 'gauge' = 2, 'distribution' = 3),
    unit String,
    timestamp DateTime,
    timestamp_ms Int64,
    value Float64,
    client_sample_rate Float64,
    trace_id String,
    span_id String,
    attr_string_keys Array(String),
    attr_string_values Array(String),
    attr_int_keys Array(String),
    attr_int_values Array(Int64),
    attr_double_keys Array(String),
    attr_double_values Array(Float64),
    attr_bool_keys Array(String),
    attr_bool_values Array(UInt8),
    received_at DateTime,
    kafka_partition UInt16,
    kafka_offset UInt64,
    retention_days UInt16 DEFAULT 30
) ENGINE = MergeTree
PARTITION BY (retention_days, toMonday(timestamp))
ORDER BY (project_id, metric_name, timestamp)
SETTINGS index_granularity = 8192
