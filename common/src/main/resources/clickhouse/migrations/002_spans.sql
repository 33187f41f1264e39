-- One row per span (a Sentry transaction is stored as its segment span, is_segment = 1, plus its child spans).
-- Two access paths: a whole trace (project_id, trace_id) is a primary-key range in every day partition it could
-- be in (and a caller that knows the time, like a sample's trace link, prunes to the partitions of a day or two);
-- a time range of one project (comparable traces, cross-event search) prunes day partitions on toDate(timestamp)
-- and reads only that project's key range inside them. Times are integer milliseconds (18.16 has no DateTime64);
-- timestamp is the start second, for partitioning and pruning. Attributes are typed parallel arrays.
CREATE TABLE IF NOT EXISTS spans (
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
    received_at DateTime
) ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY (project_id, trace_id, span_id)
SETTINGS index_granularity = 8192
