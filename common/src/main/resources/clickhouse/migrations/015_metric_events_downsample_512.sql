-- Downsampled tier (docs/query.md, Tiers): one event in 512 of metric_events, those whose sampling hash is a multiple
-- of 512, filled by the view of migration 018. Same columns and layout; client_sample_rate is divided by 512 so that
-- every aggregate that weights by 1/client_sample_rate extrapolates with weight 512 x 1/client_sample_rate unchanged;
-- retention_days is the project's downsampled class. sampling_weight says which tier a row is of.
CREATE TABLE IF NOT EXISTS metric_events_downsample_512 (
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
    retention_days UInt16,
    sampling_weight UInt16
) ENGINE = MergeTree
PARTITION BY (retention_days, toMonday(timestamp))
ORDER BY (project_id, metric_name, timestamp)
SETTINGS index_granularity = 8192
