-- Silences hold notifications while issues still open and resolve: a per-group silence (its groups matched by
-- attribute) until it expires, or a maintenance window recurring by an RFC 5545 RRULE in a time zone. Its JSON spec
-- names what it covers (monitors, a project's monitors, or the organization's) and when.
CREATE TABLE silences (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT      NOT NULL,
  spec            TEXT        NOT NULL,
  created_by      TEXT        NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX silences_organization ON silences (organization_id, id);

-- Each notification a silence held: one row per issue, event and severity the silence kept from its channels.
CREATE TABLE held_notifications (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT      NOT NULL,
  silence_id      BIGINT      NOT NULL REFERENCES silences (id) ON DELETE CASCADE,
  issue_id        BIGINT      NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  monitor_id      BIGINT      NOT NULL,
  group_key       TEXT        NOT NULL,
  event           TEXT        NOT NULL,
  severity        TEXT        NOT NULL,
  message         TEXT        NOT NULL,
  held_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX held_notifications_silence ON held_notifications (silence_id, id);
CREATE UNIQUE INDEX held_notifications_once ON held_notifications (silence_id, issue_id, event, severity);
