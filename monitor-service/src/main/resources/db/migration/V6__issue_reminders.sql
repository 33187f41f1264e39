-- When channels last heard a trigger or reminder of the issue: a monitor with evaluation.remindEvery sends the next
-- reminder that long after it, while the issue stays critical.
ALTER TABLE issues ADD COLUMN paged_at TIMESTAMPTZ;
