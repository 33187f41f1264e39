-- What the downsampled span tiers (020-025) need of each span: the retention class of the project's tiers, stamped
-- by the writer (0 means the default), and the sampling hash of the metric_events tiers on the trace id, so a kept
-- event's trace is kept.
ALTER TABLE spans ADD COLUMN downsampled_retention_days UInt16 DEFAULT 396,
    ADD COLUMN sampling_hash UInt64 MATERIALIZED reinterpretAsUInt64(MD5(trace_id))
