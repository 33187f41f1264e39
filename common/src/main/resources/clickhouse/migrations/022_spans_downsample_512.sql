-- Downsampled span tier (docs/query.md, Tiers): the spans of one trace in 512, those whose trace id's sampling hash is
-- a multiple of 512 (the metric_events tiers' rule, so an event's trace is kept with it), filled by the view of
-- migration 025. Same columns and layout; retention_days is the project's downsampled class; sampling_weight is 512.
CREATE TABLE IF NOT EXISTS spans_downsample_512 (
    organization_id UInt64,
    project_id UInt64,
    trace_id String,
    span_id String,
    parent_span_id String,
    segment_id String,
    is_segment UInt8,
    op String,
    description String,
    status String,
    transaction String,
    release String,
    environment String,
    timestamp DateTime,
    start_timestamp_ms Int64,
    end_timestamp_ms Int64,
    duration_ms Float64,
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
ORDER BY (project_id, trace_id, span_id)
SETTINGS index_granularity = 8192
