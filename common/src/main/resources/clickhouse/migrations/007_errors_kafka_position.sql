-- The writer stores each row's Kafka position, as in metric_events, so that after a restart or an insert whose
-- answer was lost it finds the rows ClickHouse already holds and inserts each row exactly once.
ALTER TABLE errors ADD COLUMN kafka_partition UInt16, ADD COLUMN kafka_offset UInt64
