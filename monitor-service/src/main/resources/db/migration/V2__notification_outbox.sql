-- The outbox: notifications written in the same transaction as the issue change that calls for them, then published
-- to Kafka by a relay, so a crash between commit and publish delays a notification instead of losing it.
CREATE TABLE notification_outbox (
  id              BIGSERIAL PRIMARY KEY,
  notification_id TEXT        NOT NULL UNIQUE,
  channel_id      BIGINT      NOT NULL,
  payload         TEXT        NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL,
  -- A relay holds the rows it is publishing until then; a dead relay's rows come back when it passes.
  claimed_until   TIMESTAMPTZ,
  published_at    TIMESTAMPTZ
);
CREATE INDEX notification_outbox_unpublished ON notification_outbox (id) WHERE published_at IS NULL;
CREATE INDEX notification_outbox_published ON notification_outbox (published_at) WHERE published_at IS NOT NULL;
