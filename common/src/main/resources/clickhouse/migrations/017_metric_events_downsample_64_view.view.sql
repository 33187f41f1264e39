-- Fills metric_events_downsample_64 on every insert into metric_events (a view migration: what metric_events already
-- holds is copied first, BackfilledView), by the sampling hash of migration 012: a multiple of 512 is a multiple of 64
-- and of 8, so the tiers are nested and an event kept at 512 is kept at 64 and 8.
CREATE MATERIALIZED VIEW IF NOT EXISTS metric_events_downsample_64_mv TO metric_events_downsample_64 AS
SELECT
    organization_id, project_id, metric_name, metric_kind, unit, timestamp, timestamp_ms, value,
    client_sample_rate / 64 AS client_sample_rate, trace_id, span_id, attr_string_keys, attr_string_values,
    attr_int_keys, attr_int_values, attr_double_keys, attr_double_values, attr_bool_keys, attr_bool_values,
    received_at, kafka_partition, kafka_offset,
    if(downsampled_retention_days = 0, 396, downsampled_retention_days) AS retention_days,
    toUInt16(64) AS sampling_weight
FROM metric_events
WHERE sampling_hash % 64 = 0
