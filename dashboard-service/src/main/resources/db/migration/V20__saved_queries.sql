-- Saved Explorer queries, visible to the whole organization. The spec is the Explorer state (queries, equations,
-- filters, group-bys, time range) as validated JSON; version drives optimistic concurrency ("Save As, Existing").
CREATE TABLE saved_query (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT       NOT NULL,
  name            VARCHAR(200) NOT NULL,
  spec            JSONB        NOT NULL,
  version         BIGINT       NOT NULL DEFAULT 0,
  created_at      TIMESTAMPTZ  NOT NULL,
  updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX saved_query_organization_name ON saved_query (organization_id, lower(name));
