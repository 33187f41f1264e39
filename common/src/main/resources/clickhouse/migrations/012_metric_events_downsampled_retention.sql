-- What the downsampled tiers (013-018) need of each event: the retention class of the project's tiers, stamped by the
-- writer like retention_days (0, a row written without it on 18.16, means the default), and the sampling hash,
-- computed once per row at insert for the three tiers' views to share: the first 8 bytes of MD5 of the trace id (of
-- the Kafka position when an event has none) read as a little-endian unsigned integer, reproducible in any language.
ALTER TABLE metric_events ADD COLUMN downsampled_retention_days UInt16 DEFAULT 396,
    ADD COLUMN sampling_hash UInt64 MATERIALIZED reinterpretAsUInt64(MD5(if(trace_id != '', trace_id, concat(toString(kafka_partition), '/', toString(kafka_offset)))))
