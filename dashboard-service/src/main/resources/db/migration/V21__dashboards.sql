-- Dashboards: a dashboard-wide time range and filter plus widgets with their layout, as one validated JSON spec.
CREATE TABLE dashboard (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT       NOT NULL,
  name            VARCHAR(200) NOT NULL,
  spec            JSONB        NOT NULL,
  version         BIGINT       NOT NULL DEFAULT 0,
  created_at      TIMESTAMPTZ  NOT NULL,
  updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dashboard_organization_name ON dashboard (organization_id, lower(name));
