-- 1.1: the counter rule of API.md section 5 (step-back tolerance). The
-- aggregate and its comments come from sql/install/31_meter_rules.sql
-- (31_meter_rules.use); this piece adds the setting.
ALTER TABLE thermaliq.meter_settings
	ADD COLUMN stepback_tolerance float8 CONSTRAINT meter_settings_stepback_tolerance_range
		CHECK (stepback_tolerance >= 0 AND stepback_tolerance < 1);
COMMENT ON TABLE thermaliq.meter_settings IS
'Per-meter settings of the plant calculations: max_gap overrides facility_settings.max_gap (NULL: the facility''s; for a counter it only bounds how far outside the range its edge reads are looked for: its increments are never dropped); for counters, rollover (the reading at which the register wraps to 0), max_rate (largest plausible consumption per hour), both in the meter''s registry unit, and stepback_tolerance, with the rules of meter_agg';
COMMENT ON COLUMN thermaliq.meter_settings.stepback_tolerance IS
'Counters: a drop of at most this fraction of the register (highest reading since the last reset) is a re-sent or rounded value, not a reset; NULL: 0.01 (API.md section 5)';
