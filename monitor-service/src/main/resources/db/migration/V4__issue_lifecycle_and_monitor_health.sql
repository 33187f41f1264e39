-- A deleted monitor is kept with deleted_at set, so its issues keep their history; lists and reads skip it.
ALTER TABLE monitors ADD COLUMN deleted_at TIMESTAMPTZ;

-- The monitor's health after its last evaluation, written by the statement that releases its lease (one update per
-- evaluation): state ok | pending | firing | no_data | error, the value judged, the last failure and how many in a row.
ALTER TABLE monitors ADD COLUMN state TEXT NOT NULL DEFAULT 'ok';
ALTER TABLE monitors ADD COLUMN last_evaluated_at TIMESTAMPTZ;
ALTER TABLE monitors ADD COLUMN last_value DOUBLE PRECISION;
ALTER TABLE monitors ADD COLUMN last_error TEXT;
ALTER TABLE monitors ADD COLUMN consecutive_failures INT NOT NULL DEFAULT 0;

-- What the channels were told about an issue: the severity of the last trigger sent and the channels it reached
-- (comma-separated ids). A resolve goes to exactly those, muted or snoozed or not, and the end of a mute or snooze
-- sends the current severity when it differs from the one last sent.
ALTER TABLE issues ADD COLUMN paged_severity TEXT;
ALTER TABLE issues ADD COLUMN paged_channels TEXT;
-- Issues firing before this migration were paged to their monitor's channels unless muted or snoozed.
UPDATE issues i
SET paged_severity = i.severity,
    paged_channels = (SELECT string_agg(c.value, ',') FROM monitors m, jsonb_array_elements_text(m.spec::jsonb -> 'channels') c
                      WHERE m.id = i.monitor_id)
WHERE i.status = 'firing' AND NOT i.muted AND i.snoozed_until IS NULL;

-- Who made each history entry: 'token:<id>' for an API call, 'evaluation' for the monitor's own evaluations.
ALTER TABLE issue_events ADD COLUMN actor TEXT;
