-- How long a project's events are kept (docs/control-plane.md, Retention): one of the classes in
-- common's Retention.ALLOWED_DAYS, published with the project on projects.config and stamped on every row by the writer.
ALTER TABLE project ADD COLUMN retention_days INT NOT NULL DEFAULT 30;
