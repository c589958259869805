-- pgTAP: the heat-loss budget's air-humidity term at any air temperature.
-- Without a humidity meter, analyze() assumes dry air and budgets half the
-- extra loss of saturated air (rectangular). Saturation over water (IF97)
-- exists from 0.01 degC; below it the term is 0. Before the fix the
-- saturated case was computed at the clamped temperature 0.01 degC, so at
-- -2 degC the "humidity" term was the loss change of 2 K warmer air,
-- negative (-0.0074 points for the demo plant on 2026-11-29), and
-- uncertainty_budget() refused it: analyze() failed with 22003.
BEGIN;
SELECT plan(5);
CREATE TEMP TABLE tq49 AS
SELECT t AS air_c, thermaliq.analyze_uncertainty('x',
	'[{"meter_id": "gas", "role": "fuel_input", "energy_kwh": 100}, {"meter_id": "heat", "role": "hot_water_output", "energy_kwh": 90}]',
	100, 0, 90, thermaliq.analyze_options('{}'),
	jsonb_build_object('fuel', 'natural_gas', 'basis', 'lhv', 'flue_gas_temp_c', 150, 'air_temp_c', t, 'o2_pct', 3)) AS u
FROM unnest(ARRAY[-20, -2, 0.5, 15, 35]::float8[]) t;
CREATE TEMP VIEW tq49_rh AS
SELECT air_c, (SELECT (x ->> 'uncertainty')::float8 FROM jsonb_array_elements(u -> 'heat_loss' -> 'terms') x
	WHERE x ->> 'name' = 'air_humidity') AS u_rh FROM tq49;
SELECT is((SELECT count(*) FROM tq49 WHERE u -> 'heat_loss' ->> 'expanded_uncertainty' IS NOT NULL), 5::bigint,
	'the heat-loss budget is computed at -20, -2, 0.5, 15 and 35 degC air');
SELECT is((SELECT string_agg(air_c || '=' || u_rh, ',' ORDER BY air_c) FROM tq49_rh WHERE air_c < 0), '-20=0,-2=0',
	'below 0.01 degC the humidity term is 0 (no saturation over water), not negative');
SELECT ok((SELECT bool_and(u_rh > 0) FROM tq49_rh WHERE air_c > 0), 'above it, saturated air adds loss: the term is positive');
SELECT ok((SELECT u_rh FROM tq49_rh WHERE air_c = 0.5) < (SELECT u_rh FROM tq49_rh WHERE air_c = 15)
	AND (SELECT u_rh FROM tq49_rh WHERE air_c = 15) < (SELECT u_rh FROM tq49_rh WHERE air_c = 35),
	'and grows with the air temperature (saturation pressure 0.65, 1.7, 5.6 kPa at 0.5, 15, 35 degC)');
SELECT cmp_ok((SELECT u_rh FROM tq49_rh WHERE air_c = 15), '<', 0.2::float8,
	'at 15 degC it stays a fraction of a point (saturated air at 15 degC holds about 1 % water by mass)');
SELECT * FROM finish();
ROLLBACK;
