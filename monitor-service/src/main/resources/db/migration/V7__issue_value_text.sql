-- An issue's last value in its unit as the last evaluation that read it worded it ("2.12 s"): a notification that a
-- person's action sends (a manual resolve, an unmute) evaluates nothing, and says the value with this.
ALTER TABLE issues ADD COLUMN last_value_text TEXT;
