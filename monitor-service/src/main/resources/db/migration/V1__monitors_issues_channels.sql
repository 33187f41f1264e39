-- Notification channels of an organization; config holds the target (URL, routing key, secret) as JSON.
CREATE TABLE channels (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT      NOT NULL,
  name            TEXT        NOT NULL,
  type            TEXT        NOT NULL,
  config          TEXT        NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX channels_organization ON channels (organization_id, id);

-- A monitor's definition is one JSON spec; the scheduling columns are what replicas compete for.
CREATE TABLE monitors (
  id                 BIGSERIAL PRIMARY KEY,
  organization_id    BIGINT      NOT NULL,
  name               TEXT        NOT NULL,
  spec               TEXT        NOT NULL,
  enabled            BOOLEAN     NOT NULL,
  interval_seconds   INT         NOT NULL,
  next_evaluation_at TIMESTAMPTZ NOT NULL,
  lease_owner        TEXT,
  lease_until        TIMESTAMPTZ,
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX monitors_organization ON monitors (organization_id, id);
CREATE INDEX monitors_due ON monitors (next_evaluation_at) WHERE enabled;

-- One issue per monitor and group while it is pending or firing; resolved issues stay as history.
CREATE TABLE issues (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT           NOT NULL,
  monitor_id      BIGINT           NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
  group_key       TEXT             NOT NULL,
  status          TEXT             NOT NULL,
  severity        TEXT             NOT NULL,
  breaches        INT              NOT NULL,
  last_value      DOUBLE PRECISION,
  dedup_key       TEXT             NOT NULL,
  muted           BOOLEAN          NOT NULL,
  snoozed_until   TIMESTAMPTZ,
  opened_at       TIMESTAMPTZ      NOT NULL,
  updated_at      TIMESTAMPTZ      NOT NULL,
  resolved_at     TIMESTAMPTZ
);
CREATE INDEX issues_organization ON issues (organization_id, status, id);
-- Deduplication: at most one open issue per monitor and group, even if two evaluations raced.
CREATE UNIQUE INDEX issues_one_open_per_group ON issues (monitor_id, group_key) WHERE status <> 'resolved';

CREATE TABLE issue_events (
  id         BIGSERIAL PRIMARY KEY,
  issue_id   BIGINT           NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  status     TEXT             NOT NULL,
  severity   TEXT             NOT NULL,
  value      DOUBLE PRECISION,
  message    TEXT             NOT NULL,
  at         TIMESTAMPTZ      NOT NULL
);
CREATE INDEX issue_events_issue ON issue_events (issue_id, id);

-- The delivery log: one row per notification and channel, updated on every attempt.
CREATE TABLE deliveries (
  id              BIGSERIAL PRIMARY KEY,
  notification_id TEXT        NOT NULL UNIQUE,
  organization_id BIGINT      NOT NULL,
  channel_id      BIGINT      NOT NULL,
  issue_id        BIGINT,
  event           TEXT        NOT NULL,
  status          TEXT        NOT NULL,
  attempts        INT         NOT NULL,
  response_status INT,
  error           TEXT,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX deliveries_issue ON deliveries (issue_id, id);
CREATE INDEX deliveries_channel ON deliveries (channel_id, id);
