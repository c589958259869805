-- pgTAP: the heat-loss budget's air-humidity term, and humid air in the
-- heat balance, at any air temperature.
-- Without a humidity meter, analyze() assumes dry air and budgets half the
-- extra loss of saturated air (rectangular). Saturation is over liquid
-- water (IF97 from 0.01 degC, supercooled water by WMO-No. 8 from -45 degC:
-- relative humidity is stated over water); colder air is dry, the term 0.
-- Before: the saturated case was computed at a clamped 0.01 degC (at -2 degC
-- a negative "uncertainty": analyze() failed with 22003 on the demo plant's
-- 2026-11-29), then the term was 0 on every frosty day; with a humidity
-- meter or air_humidity_pct, any air below 0.01 degC made analyze() fail
-- (22003 from air_humidity_ratio) and heat_balance drop its flue-gas losses.
BEGIN;
SELECT plan(10);
CREATE TEMP TABLE tq49 AS
SELECT t AS air_c, rh, thermaliq.analyze_uncertainty('x',
	'[{"meter_id": "gas", "role": "fuel_input", "energy_kwh": 100}, {"meter_id": "heat", "role": "hot_water_output", "energy_kwh": 90}]',
	100, 0, 90, thermaliq.analyze_options('{}'),
	jsonb_build_object('fuel', 'natural_gas', 'basis', 'lhv', 'flue_gas_temp_c', 150, 'air_temp_c', t, 'o2_pct', 3,
		'rh_pct', rh)) AS u
FROM unnest(ARRAY[-48, -20, -2, 0.5, 15, 35]::float8[]) t, (VALUES (NULL::float8), (80)) r(rh);
CREATE TEMP VIEW tq49_rh AS
SELECT air_c, rh, (SELECT (x ->> 'uncertainty')::float8 FROM jsonb_array_elements(u -> 'heat_loss' -> 'terms') x
	WHERE x ->> 'name' = 'air_humidity') AS u_rh,
	(SELECT (x ->> 'sensitivity')::float8 FROM jsonb_array_elements(u -> 'heat_loss' -> 'terms') x
	WHERE x ->> 'name' = 'air_humidity') AS c_rh FROM tq49;
SELECT is((SELECT count(*) FROM tq49 WHERE u -> 'heat_loss' ->> 'expanded_uncertainty' IS NOT NULL), 12::bigint,
	'the heat-loss budget is computed at -48 to 35 degC air, without and with a measured humidity');
-- the assumption term: half the loss difference saturated - dry, from
-- combustion_losses() itself
SELECT is((SELECT string_agg(air_c || ':' || (abs(u_rh - ((SELECT total_pct FROM thermaliq.combustion_losses('natural_gas', 150, air_c, 3, 0, 'lhv', 100))
		- (SELECT total_pct FROM thermaliq.combustion_losses('natural_gas', 150, air_c, 3, 0, 'lhv', 0))) / 2) < 1e-15)::text, ',' ORDER BY air_c)
	FROM tq49_rh WHERE rh IS NULL AND air_c >= -45), '-20:true,-2:true,0.5:true,15:true,35:true',
	'no meter: u = (loss of saturated air - loss of dry air) / 2 from -45 degC on');
SELECT is((SELECT u_rh FROM tq49_rh WHERE rh IS NULL AND air_c = -48), 0::float8, 'below -45 degC the air is dry: the term is 0');
SELECT ok((SELECT bool_and(u_rh > 0) FROM tq49_rh WHERE rh IS NULL AND air_c > -45),
	'from -45 degC saturated air adds loss: the term is positive, frost or not');
SELECT ok((SELECT bool_and(a.u_rh < b.u_rh) FROM tq49_rh a JOIN tq49_rh b ON b.rh IS NULL AND b.air_c =
		(SELECT min(air_c) FROM tq49_rh c WHERE c.rh IS NULL AND c.air_c > a.air_c)
	WHERE a.rh IS NULL AND a.air_c > -45),
	'and grows with the air temperature (saturation 0.13, 0.53, 0.63, 1.7, 5.6 kPa at -20, -2, 0.5, 15, 35 degC)');
SELECT cmp_ok((SELECT u_rh FROM tq49_rh WHERE rh IS NULL AND air_c = 15), '<', 0.2::float8,
	'at 15 degC it stays a fraction of a point (saturated air at 15 degC holds about 1 % water by mass)');
-- a measured 80 %: sensitivity per %RH by central difference +-5 %RH
SELECT is((SELECT string_agg(air_c || ':' || (abs(c_rh + ((SELECT total_pct FROM thermaliq.combustion_losses('natural_gas', 150, air_c, 3, 0, 'lhv', 85))
		- (SELECT total_pct FROM thermaliq.combustion_losses('natural_gas', 150, air_c, 3, 0, 'lhv', 75))) / 10) < 1e-15)::text, ',' ORDER BY air_c)
	FROM tq49_rh WHERE rh = 80 AND air_c >= -45), '-20:true,-2:true,0.5:true,15:true,35:true',
	'a measured 80 %RH from -45 degC: sensitivity -(loss at 85 % - loss at 75 %) / 10 %RH');
SELECT is((SELECT c_rh FROM tq49_rh WHERE rh = 80 AND air_c = -48), 0::float8,
	'a measured humidity below -45 degC: dry air, sensitivity 0');
-- preheated air (150 degC) with a humidity, or no air temperature: the
-- losses have no value there, so no heat-loss budget (NULL), not an error
SELECT is((SELECT string_agg(coalesce(thermaliq.analyze_uncertainty('x', '[]', 100, 0, 90, thermaliq.analyze_options('{}'),
		jsonb_build_object('fuel', 'natural_gas', 'basis', 'lhv', 'flue_gas_temp_c', 250, 'air_temp_c', t, 'o2_pct', 3,
		'rh_pct', 50)) ->> 'heat_loss', 'NULL'), ',' ORDER BY o) FROM unnest(ARRAY[150, NULL]::float8[]) WITH ORDINALITY u(t, o)),
	'NULL,NULL', 'humid air at 150 degC or no air temperature: heat_loss NULL');

-- heat_balance with air_humidity_pct at -20 degC combustion air: the
-- flue-gas losses stay, and humid air adds to the moisture loss
CREATE TABLE public.tq49_readings (facility_id text NOT NULL, meter_id text NOT NULL,
	"timestamp" timestamptz NOT NULL, value float8, unit text NOT NULL, quality smallint NOT NULL DEFAULT 0);
INSERT INTO thermaliq.facilities (facility_id, ambient_temperature_c) VALUES ('tq49-dry', -20), ('tq49-humid', -20);
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
SELECT f, m, r, 'rate', u, CASE WHEN r = 'fuel_input' THEN 'natural_gas' END, CASE WHEN r = 'fuel_input' THEN 'lhv' END
FROM (VALUES ('tq49-dry'), ('tq49-humid')) x(f),
	(VALUES ('gas', 'fuel_input', 'kW'), ('heat', 'hot_water_output', 'kW'), ('fgt', 'flue_gas_temperature', 'degC'),
		('o2', 'flue_gas_o2', '%'), ('air', 'combustion_air_temperature', 'degC')) y(m, r, u);
INSERT INTO thermaliq.facility_settings (facility_id, air_humidity_pct) VALUES ('tq49-humid', 80);
INSERT INTO public.tq49_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT f, m, '2026-01-10 00:00+00'::timestamptz + k * interval '10 minutes', v, u
FROM (VALUES ('tq49-dry'), ('tq49-humid')) x(f), generate_series(0, 12) k,
	(VALUES ('gas', 1000.0, 'kW'), ('heat', 900.0, 'kW'), ('fgt', 150.0, 'degC'), ('o2', 3.0, '%'), ('air', -20.0, 'degC')) y(m, v, u);
CREATE TEMP TABLE tq49_hb AS
SELECT f, (SELECT sum(energy_kwh) FILTER (WHERE stream = 'moisture') FROM thermaliq.heat_balance(f, '2026-01-10 00:00+00',
		'2026-01-10 02:00+00', 'public.tq49_readings')) AS moisture,
	(SELECT count(*) FILTER (WHERE stream = 'dry_flue_gas') FROM thermaliq.heat_balance(f, '2026-01-10 00:00+00',
		'2026-01-10 02:00+00', 'public.tq49_readings')) AS dry_rows
FROM (VALUES ('tq49-dry'), ('tq49-humid')) x(f);
-- the humid air's water at -20 degC, 80 %: w = 0.00061916 kg/kg (unit
-- test), a few grams per kg of fuel: a small but positive extra loss
SELECT is((SELECT string_agg(f || ':' || dry_rows, ',' ORDER BY f) FROM tq49_hb)
	|| ' ' || ((SELECT moisture FROM tq49_hb WHERE f = 'tq49-humid') > (SELECT moisture FROM tq49_hb WHERE f = 'tq49-dry'))::text,
	'tq49-dry:1,tq49-humid:1 true', 'heat_balance at -20 degC air with 80 %RH keeps its flue-gas losses, moisture loss above dry air''s');
SELECT * FROM finish();
ROLLBACK;
