-- One row per log record, laid out like spans: a trace's logs are a primary-key range (project_id, trace_id)
-- in each day partition, already in time order; a time range of one project prunes day partitions.
CREATE TABLE IF NOT EXISTS logs (
    organization_id UInt64,
    project_id UInt64,
    trace_id String,
    span_id String,
    timestamp DateTime,
    timestamp_ms Int64,
    level String,
    body String,
    release String,
    environment String,
    attr_string_keys Array(String),
    attr_string_values Array(String),
    attr_int_keys Array(String),
    attr_int_values Array(Int64),
    attr_double_keys Array(String),
    attr_double_values Array(Float64),
    attr_bool_keys Array(String),
    attr_bool_values Array(UInt8),
    received_at DateTime
) ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY (project_id, trace_id, timestamp_ms)
SETTINGS index_granularity = 8192
