-- How long the downsampled tiers of a project's events are kept (docs/control-plane.md, Retention): one of common's
-- Retention.ALLOWED_DOWNSAMPLED_DAYS, never shorter than retention_days.
ALTER TABLE project ADD COLUMN downsampled_retention_days INT NOT NULL DEFAULT 396;
