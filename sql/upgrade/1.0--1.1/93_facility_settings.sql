-- 1.1 (issue 14): casing loss by load or from the surface, humidity of the
-- combustion air (sql/install/60_plant.sql describes the columns).
ALTER TABLE thermaliq.facility_settings
	ADD COLUMN radiation_rated_load_kw float8
		CONSTRAINT facility_settings_radiation_rated_load_kw_positive
		CHECK (radiation_rated_load_kw > 0),
	ADD COLUMN surface_area_m2 float8
		CONSTRAINT facility_settings_surface_area_m2_range
		CHECK (surface_area_m2 >= 0),
	ADD COLUMN surface_temperature_c float8
		CONSTRAINT facility_settings_surface_temperature_c_range
		CHECK (surface_temperature_c BETWEEN -50 AND 600),
	ADD COLUMN surface_emissivity float8 NOT NULL DEFAULT 0.9
		CONSTRAINT facility_settings_surface_emissivity_range
		CHECK (surface_emissivity BETWEEN 0 AND 1),
	ADD COLUMN air_humidity_pct float8
		CONSTRAINT facility_settings_air_humidity_pct_range
		CHECK (air_humidity_pct BETWEEN 0 AND 100),
	ADD CONSTRAINT facility_settings_surface_complete
		CHECK ((surface_area_m2 IS NULL) = (surface_temperature_c IS NULL));
COMMENT ON TABLE thermaliq.facility_settings IS
'Settings of the plant calculations per facility: max_gap (samples further apart are not interpolated across; that time is uncovered; default 15 minutes) and the casing loss: radiation_loss_pct (radiation and convection loss of the shell as a percentage of fuel input, default 1 %), by load after the ABMA radiation loss chart when radiation_rated_load_kw is set (radiation_loss_pct is then the loss at that fuel input, a constant heat flow: radiation_loss_pct x rated / actual fuel input), or from the surface when surface_area_m2 and surface_temperature_c are set (surface_loss_kw with surface_emissivity, default 0.9; overrides both); air_humidity_pct: relative humidity of the combustion air when no ambient_humidity meter exists (NULL: dry air)';
