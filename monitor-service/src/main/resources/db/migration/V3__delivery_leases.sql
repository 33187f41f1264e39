-- Deliveries survive their replica: the notification itself is kept with its log line, and the replica delivering it
-- keeps locked_until ahead of its next step. A pending delivery whose lock ran out is resumed by any replica.
ALTER TABLE deliveries ADD COLUMN payload TEXT;
ALTER TABLE deliveries ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE deliveries ADD COLUMN locked_until TIMESTAMPTZ;
CREATE INDEX deliveries_pending ON deliveries (locked_until) WHERE status = 'pending';
