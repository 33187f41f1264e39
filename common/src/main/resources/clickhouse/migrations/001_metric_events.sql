-- One row per metric event. The hot query (one project, one metric, a time range, grouped by an attribute)
-- is a primary-key range scan on (project_id, metric_name, timestamp). Day partitions make retention a
-- partition drop (18.16 has no TTL). Attributes are parallel typed key/value arrays, as Snuba did for years.
-- kafka_partition and kafka_offset let the writer resume exactly after the last row ClickHouse stored.
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
    kafka_offset UInt64
) ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY (project_id, metric_name, timestamp)
SETTINGS index_granularity = 8192
