-- The control plane: organizations own projects, projects own DSN keys, organizations own API tokens.
-- Nothing is ever deleted: a revoked key or token and a deleted project stay as rows (revoked_at / deleted_at)
-- so that re-publishing every grant at start-up also repeats the revocations a lost Kafka write may have missed.
CREATE TABLE organization (
  id         BIGSERIAL PRIMARY KEY,
  slug       VARCHAR(64)  NOT NULL UNIQUE,
  name       VARCHAR(200) NOT NULL,
  created_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE project (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT       NOT NULL REFERENCES organization (id),
  slug            VARCHAR(64)  NOT NULL,
  name            VARCHAR(200) NOT NULL,
  created_at      TIMESTAMPTZ  NOT NULL,
  deleted_at      TIMESTAMPTZ
);
-- A slug names one live project per organization; a deleted project frees its slug.
CREATE UNIQUE INDEX project_organization_slug ON project (organization_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE project_key (
  id                    BIGSERIAL PRIMARY KEY,
  organization_id       BIGINT       NOT NULL REFERENCES organization (id),
  project_id            BIGINT       NOT NULL REFERENCES project (id),
  public_key            CHAR(32)     NOT NULL UNIQUE,
  label                 VARCHAR(200) NOT NULL,
  -- Events per second this key may send; 0 means the project's default.
  rate_limit_per_second INTEGER      NOT NULL DEFAULT 0,
  created_at            TIMESTAMPTZ  NOT NULL,
  revoked_at            TIMESTAMPTZ
);
CREATE INDEX project_key_project ON project_key (project_id, id);

-- Only the SHA-256 of a token is kept; the token itself is shown once, in the response that creates it.
CREATE TABLE api_token (
  id              BIGSERIAL PRIMARY KEY,
  organization_id BIGINT       NOT NULL REFERENCES organization (id),
  name            VARCHAR(200) NOT NULL,
  token_hash      CHAR(64)     NOT NULL UNIQUE,
  token_prefix    VARCHAR(16)  NOT NULL,
  -- Comma-separated wire names of dev.appmetrics.common.auth.Scope, e.g. "read,write".
  scopes          VARCHAR(100) NOT NULL,
  created_at      TIMESTAMPTZ  NOT NULL,
  revoked_at      TIMESTAMPTZ
);
CREATE INDEX api_token_organization ON api_token (organization_id, id);
