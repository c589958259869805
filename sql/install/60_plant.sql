-- Plant calculations next to the data (API.md section 3, first half):
-- heat_balance, balance_closure, sankey, sankey_svg (efficiency_series: 61).
-- The C bodies live in src/plant/ (one grep for the function name finds it).

-- Per-facility settings of the plant calculations. A facility without a row
-- uses the column defaults.
CREATE TABLE thermaliq.facility_settings (
	facility_id text PRIMARY KEY REFERENCES thermaliq.facilities ON DELETE CASCADE,
	max_gap interval NOT NULL DEFAULT '15 minutes'
		CONSTRAINT facility_settings_max_gap_range
		CHECK (max_gap > interval '0' AND max_gap <= interval '31 days'),
	radiation_loss_pct float8 NOT NULL DEFAULT 1.0
		CONSTRAINT facility_settings_radiation_loss_pct_range
		CHECK (radiation_loss_pct >= 0 AND radiation_loss_pct <= 20),
	-- 1.1 (issue 14, physics: sql/upgrade/1.0--1.1/93_facility_settings.sql)
	radiation_rated_load_kw float8
		CONSTRAINT facility_settings_radiation_rated_load_kw_positive
		CHECK (radiation_rated_load_kw > 0),
	surface_area_m2 float8
		CONSTRAINT facility_settings_surface_area_m2_range
		CHECK (surface_area_m2 >= 0),
	surface_temperature_c float8
		CONSTRAINT facility_settings_surface_temperature_c_range
		CHECK (surface_temperature_c BETWEEN -50 AND 600),
	surface_emissivity float8 NOT NULL DEFAULT 0.9
		CONSTRAINT facility_settings_surface_emissivity_range
		CHECK (surface_emissivity BETWEEN 0 AND 1),
	air_humidity_pct float8
		CONSTRAINT facility_settings_air_humidity_pct_range
		CHECK (air_humidity_pct BETWEEN 0 AND 100),
	CONSTRAINT facility_settings_surface_complete
		CHECK ((surface_area_m2 IS NULL) = (surface_temperature_c IS NULL))
);
COMMENT ON TABLE thermaliq.facility_settings IS
'Settings of the plant calculations per facility: max_gap (samples further apart are not interpolated across; that time is uncovered; default 15 minutes) and the casing loss: radiation_loss_pct (radiation and convection loss of the shell as a percentage of fuel input, default 1 %), by load after the ABMA radiation loss chart when radiation_rated_load_kw is set (radiation_loss_pct is then the loss at that fuel input, a constant heat flow: radiation_loss_pct x rated / actual fuel input), or from the surface when surface_area_m2 and surface_temperature_c are set (surface_loss_kw with surface_emissivity, default 0.9; overrides both); air_humidity_pct: relative humidity of the combustion air when no ambient_humidity meter exists (NULL: dry air)';

-- Per-meter settings: an override of max_gap (e.g. for a counter read once
-- a day) and, for counters, meter_agg's rollover and max_rate.
CREATE TABLE thermaliq.meter_settings (
	facility_id text NOT NULL,
	meter_id text NOT NULL,
	max_gap interval
		CONSTRAINT meter_settings_max_gap_range
		CHECK (max_gap > interval '0' AND max_gap <= interval '31 days'),
	rollover float8 CONSTRAINT meter_settings_rollover_positive
		CHECK (rollover > 0 AND rollover < 'Infinity'),
	max_rate float8 CONSTRAINT meter_settings_max_rate_positive
		CHECK (max_rate > 0 AND max_rate < 'Infinity'),
	PRIMARY KEY (facility_id, meter_id),
	FOREIGN KEY (facility_id, meter_id) REFERENCES thermaliq.meters ON DELETE CASCADE,
	-- 1.1 (last, as ALTER TABLE ... ADD COLUMN puts it in an updated database)
	stepback_tolerance float8 CONSTRAINT meter_settings_stepback_tolerance_range
		CHECK (stepback_tolerance >= 0 AND stepback_tolerance < 1)
);
COMMENT ON TABLE thermaliq.meter_settings IS
'Per-meter settings of the plant calculations: max_gap overrides facility_settings.max_gap (NULL: the facility''s; for a counter it only bounds how far outside the range its edge reads are looked for: its increments are never dropped); for counters, rollover (the reading at which the register wraps to 0), max_rate (largest plausible consumption per hour), both in the meter''s registry unit, and stepback_tolerance, with the rules of meter_agg';
COMMENT ON COLUMN thermaliq.meter_settings.stepback_tolerance IS
'Counters: a drop of at most this fraction of the register (highest reading since the last reset) is a re-sent or rounded value, not a reset; NULL: 0.01 (API.md section 5)';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.facility_settings', '');
SELECT pg_catalog.pg_extension_config_dump('thermaliq.meter_settings', '');

-- check_readings_table: the row reader's check of a readings table, for the
-- plpgsql functions that read one: every column the C reader decodes with a
-- type of the layout it expects (42804 naming column, found and expected
-- type) and SELECT for the caller (42501). Returns its argument.
CREATE FUNCTION thermaliq.check_readings_table(p_readings regclass)
RETURNS regclass
AS 'MODULE_PATHNAME', 'check_readings_table'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.check_readings_table(regclass) IS
'Checks that p_readings has the readings columns with their types (facility_id, meter_id, unit text; timestamp timestamptz; value float8; quality smallint; 42804 otherwise) and that the caller may SELECT them (42501); returns p_readings';

-- efficiency_series: sql/install/61_efficiency_series.sql (its result
-- type changed in 1.1; the update drops and re-creates it).

CREATE FUNCTION thermaliq.heat_balance(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(category text, stream text, energy_kwh float8, share_pct float8)
AS 'MODULE_PATHNAME', 'heat_balance'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.heat_balance(text, timestamptz, timestamptz, regclass) IS
'Heat balance over [p_from, p_to): input rows (each fuel meter on its basis, each electric meter), output rows (each useful output meter), loss rows (dry_flue_gas, moisture, co from the heat-loss method at the flue-gas conditions averaged with the fuel power as weight; radiation as facility_settings.radiation_loss_pct of fuel input; blowdown when metered as a heat flow) and one unaccounted row = input - output - losses (may be negative); share_pct = 100 energy / total input';

CREATE FUNCTION thermaliq.balance_closure(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(input_kwh float8, output_kwh float8, loss_kwh float8,
	unaccounted_kwh float8, closure_error_pct float8, closure_class text)
AS 'MODULE_PATHNAME', 'balance_closure'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.balance_closure(text, timestamptz, timestamptz, regclass) IS
'Totals of heat_balance and the closure error 100 |unaccounted| / input with its class: excellent (< 1 %), good (1-2 %), marginal (2-5 %), reject (> 5 %); NULL error and class when there is no input';

CREATE FUNCTION thermaliq.sankey(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(source text, target text, energy_kwh float8)
AS 'MODULE_PATHNAME', 'sankey'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.sankey(text, timestamptz, timestamptz, regclass) IS
'Sankey links from the heat_balance rows: each input -> the facility node, the facility node -> each output and loss; a positive unaccounted remainder is a link to "unaccounted", a negative one a link from it, so the node balances exactly';

CREATE FUNCTION thermaliq.sankey_svg(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS text
AS 'MODULE_PATHNAME', 'sankey_svg'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.sankey_svg(text, timestamptz, timestamptz, regclass) IS
'The sankey() flows as a self-contained SVG document: band widths proportional to energy, labels with kWh and percent of input, useful outputs in blue to the right, losses in red drawn downward';
