-- Fills spans_downsample_512 on every insert into spans (a view migration: what spans already holds is copied first,
-- BackfilledView), by the sampling hash of migration 019, the rule of the metric_events tiers: the tiers are nested and
-- a kept event's trace is kept.
CREATE MATERIALIZED VIEW IF NOT EXISTS spans_downsample_512_mv TO spans_downsample_512 AS
SELECT
    organization_id, project_id, trace_id, span_id, parent_span_id, segment_id, is_segment, op, description, status,
    transaction, release, environment, timestamp, start_timestamp_ms, end_timestamp_ms, duration_ms,
    attr_string_keys, attr_string_values, attr_int_keys, attr_int_values, attr_double_keys, attr_double_values,
    attr_bool_keys, attr_bool_values, received_at, kafka_partition, kafka_offset,
    if(downsampled_retention_days = 0, 396, downsampled_retention_days) AS retention_days,
    toUInt16(512) AS sampling_weight
FROM spans
WHERE sampling_hash % 512 = 0
