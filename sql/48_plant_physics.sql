-- A regression facility with every 1.1 meter role (issue 14): steam metered
-- as a mass flow with its pressure, temperature and feedwater temperature,
-- blowdown by mass flow with the drum pressure, humid and condensing flue
-- gas, casing loss by load; a hot-water facility metered by mass flow with
-- supply and return temperatures and a casing loss from its surface.
-- Water and steam values are python3-iapws (IAPWS97 class), quoted.
--
-- Period [2026-02-10 00:00Z, 03:00Z), T = 3 h; every meter constant, sampled
-- every 15 min from 23:45 to 03:15, so each integral is value x 3 h.
--   steam48  gas      fuel_input natural gas, HHV, 8000 kW   F = 24000 kWh
--            steam    steam_output 10 t/h = 10000 kg/h
--            sp       steam_pressure 10 bar = 1.0 MPa
--            st       steam_temperature 250 degC
--            fw       feedwater_temperature 105 degC
--            bd       blowdown_flow 200 kg/h
--            amb      ambient_temperature 15 degC (dead state 288.15 K)
--            hum      ambient_humidity 60 %
--            air      combustion_air_temperature 20 degC
--            fgt      flue_gas_temperature 50 degC (below its dew point)
--            o2       flue_gas_o2 3 %
--   Steam: h(1 MPa, 250 degC) = 2943.2221652336634, s = 6.926622739684809;
--   feed h(1 MPa, 105 degC) = 440.8632707499173, s = 1.362452123472374:
--   heat 10000 x 2502.35889 / 3600 = 6950.99693 kW, U = 20852.99079 kWh;
--   exergy 10000 x (2502.35889 - 288.15 x 5.56417062) / 3600 = 2497.34203 kW,
--   7492.02610 kWh. eta = 100 U / F = 86.88746 % (HHV).
--   Blowdown: h'(1 MPa) = 762.6828443354106: 200 x (762.68284 - 440.86327)
--   / 3600 x 3 = 53.63660 kWh.
--   Radiation by load: 1 % at a rated 10000 kW is 100 kW whatever the load:
--   300 kWh (1.25 % of the 8000 kW fired).
SET client_min_messages = warning;
SET timezone = 'UTC';
SELECT thermaliq.create_readings_table('public.p48_readings') IS NOT NULL AS created;
RESET client_min_messages;
INSERT INTO thermaliq.facilities (facility_id, process_type, ambient_temperature_c)
VALUES ('steam48', 'steam_boiler', 25), ('hw48', 'hot_water_boiler', 15);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap, radiation_loss_pct, radiation_rated_load_kw,
	surface_area_m2, surface_temperature_c)
VALUES ('steam48', '30 minutes', 1.0, 10000, NULL, NULL),
       ('hw48', '30 minutes', 1.0, NULL, 20, 60);
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('steam48', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('steam48', 'steam', 'steam_output', 'rate', 't/h', NULL, NULL),
	('steam48', 'sp', 'steam_pressure', 'rate', 'bar', NULL, NULL),
	('steam48', 'st', 'steam_temperature', 'rate', 'degC', NULL, NULL),
	('steam48', 'fw', 'feedwater_temperature', 'rate', 'degC', NULL, NULL),
	('steam48', 'bd', 'blowdown_flow', 'rate', 'kg/h', NULL, NULL),
	('steam48', 'amb', 'ambient_temperature', 'rate', 'degC', NULL, NULL),
	('steam48', 'hum', 'ambient_humidity', 'rate', '%', NULL, NULL),
	('steam48', 'air', 'combustion_air_temperature', 'rate', 'degC', NULL, NULL),
	('steam48', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
	('steam48', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL),
	('hw48', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('hw48', 'hw', 'hot_water_output', 'rate', 'kg/h', NULL, NULL),
	('hw48', 'sup', 'supply_temperature', 'rate', 'degC', NULL, NULL),
	('hw48', 'ret', 'return_temperature', 'rate', 'degC', NULL, NULL);
INSERT INTO public.p48_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT f, m, timestamptz '2026-02-10 00:00+00' + k * interval '15 minutes', v, u, 0
FROM generate_series(-1, 13) k, (VALUES
	('steam48', 'gas', 8000, 'kW'), ('steam48', 'steam', 10, 't/h'), ('steam48', 'sp', 10, 'bar'),
	('steam48', 'st', 250, 'degC'), ('steam48', 'fw', 105, 'degC'), ('steam48', 'bd', 200, 'kg/h'),
	('steam48', 'amb', 15, 'degC'), ('steam48', 'hum', 60, '%'), ('steam48', 'air', 20, 'degC'),
	('steam48', 'fgt', 50, 'degC'), ('steam48', 'o2', 3, '%'),
	('hw48', 'gas', 1000, 'kW'), ('hw48', 'hw', 36000, 'kg/h'), ('hw48', 'sup', 80, 'degC'),
	('hw48', 'ret', 60, 'degC')) AS s(f, m, v, u);
CREATE FUNCTION pg_temp.rel_ok(got float8, want float8, tol float8 DEFAULT 1e-9)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(got - want) <= tol * abs(want) $$;

-- Steam by flow: useful output and efficiency.
SELECT pg_temp.rel_ok(useful_output_kwh, 3 * 10000 * (2943.2221652336634 - 440.8632707499173) / 3600) AS steam_heat,
	pg_temp.rel_ok(first_law_efficiency_pct, 100 * 3 * 10000 * (2943.2221652336634 - 440.8632707499173) / 3600 / 24000) AS eta
FROM thermaliq.efficiency_series('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', '3 hours', 'public.p48_readings');
SELECT meter_id, role, metered_as,
	pg_temp.rel_ok(energy_kwh, 20852.990787364553) AS heat,
	pg_temp.rel_ok(exergy_kwh, 3 * 2497.342031728148) AS exergy
FROM thermaliq.output_streams('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');

-- The balance: the blowdown by mass flow, the casing loss by load, the
-- flue-gas losses with 60 % humid air at 20 degC and condensation at 50 degC
-- (HHV: dry + moisture + latent_heat = combustion_losses(..., 60) total of F).
SELECT category, stream, round(energy_kwh::numeric, 4) AS energy_kwh
FROM thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');
SELECT pg_temp.rel_ok(b.energy_kwh, 53.636595597582215) AS blowdown,
	pg_temp.rel_ok(r.energy_kwh, 300) AS radiation_by_load,
	pg_temp.rel_ok(d.energy_kwh + m.energy_kwh + l.energy_kwh, c.total_pct * 24000 / 100) AS flue_losses_humid,
	c.condensed_fraction > 0 AS condensing
FROM thermaliq.combustion_losses('natural_gas', 50, 20, 3, 0, 'hhv', 60) c,
	thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings') b,
	thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings') r,
	thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings') d,
	thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings') m,
	thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings') l
WHERE b.stream = 'blowdown' AND r.stream = 'radiation' AND d.stream = 'dry_flue_gas'
  AND m.stream = 'moisture' AND l.stream = 'latent_heat';
SELECT closure_class, round(closure_error_pct::numeric, 3) AS closure_error_pct
FROM thermaliq.balance_closure('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');

-- analyze(): second law from the flow exergy, PTC 4 labels on one
-- denominator (no electric input: fuel = gross), the blowdown opportunity
-- from the same blowdown, the benchmark group (gas, condensing: the mean
-- flue gas is below its dew point), the uncertainty budgets.
CREATE TEMP TABLE a48 AS
SELECT thermaliq.analyze('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', '{}', 'public.p48_readings') AS r;
SELECT pg_temp.rel_ok((r #>> '{second_law,output_exergy_kwh}')::float8, 3 * 2497.342031728148) AS exergy_out,
	r #>> '{second_law,streams,0,metered_as}' AS metered_as,
	pg_temp.rel_ok((r #>> '{first_law,fuel_efficiency_pct,input_output}')::float8,
		(r #>> '{first_law,gross_efficiency_pct,input_output}')::float8) AS fuel_eq_gross,
	pg_temp.rel_ok((r #>> '{first_law,fuel_efficiency_pct,heat_loss}')::float8,
		(r #>> '{first_law,heat_loss_efficiency_pct}')::float8) AS hl_no_credit,
	(r #>> '{first_law,electric_credit_pct}')::float8 AS electric_credit,
	r #>> '{benchmark,fuel_class}' AS bench_fuel, r #>> '{benchmark,condensing}' AS bench_condensing
FROM a48;
SELECT o ->> 'metered_as' AS bd_metered_as, o ->> 'drum_pressure_from' AS drum_from,
	pg_temp.rel_ok((o ->> 'drum_pressure_mpa')::float8, 1.0) AS drum_1mpa,
	pg_temp.rel_ok((o ->> 'blowdown_heat_kwh')::float8, 53.636595597582215) AS bd_heat
FROM a48, jsonb_array_elements(r -> 'opportunities') o WHERE o ->> 'name' = 'blowdown_heat_recovery';
SELECT (SELECT string_agg(t ->> 'name', ', ' ORDER BY t ->> 'name')
		FROM jsonb_array_elements(r #> '{uncertainty,first_law_heat_loss,budget,terms}') t) AS heat_loss_terms,
	round((SELECT sum((t ->> 'share_pct')::numeric)
		FROM jsonb_array_elements(r #> '{uncertainty,first_law_heat_loss,budget,terms}') t), 6) AS shares_sum,
	(SELECT t ->> 'source' FROM jsonb_array_elements(r #> '{uncertainty,first_law_heat_loss,budget,terms}') t
		WHERE t ->> 'name' = 'air_humidity') AS humidity_source,
	(r #>> '{emissions,biogenic_co2_kg}')::float8 AS biogenic,
	pg_temp.rel_ok((r #>> '{emissions,fossil_co2_kg}')::float8, thermaliq.co2_kg('natural_gas', 24000, 'hhv')) AS fossil
FROM a48;

-- Hot water by flow, saturated liquid (no pressure meter): h'(80 degC) =
-- 334.948695143379, h'(60 degC) = 251.15439313812058: 36000 kg/h x 83.79430
-- / 3600 x 3 h = 2513.82906 kWh; exergy at the facility ambient 15 degC
-- (no ambient meter): 403.05691 kWh. Casing loss from the surface: 20 m2
-- at 60 degC in 15 degC air (no air meter: the facility ambient), emissivity
-- 0.9: 20 (1.31 x 45^(4/3) + 0.9 sigma (333.15^4 - 288.15^4)) / 1000 x 3 h
-- = 29.19053 kWh. An LHV fuel meter without flue-gas meters: no latent row.
SELECT meter_id, metered_as, pg_temp.rel_ok(energy_kwh, 2513.829060157752) AS heat,
	pg_temp.rel_ok(exergy_kwh, 403.0569103763203) AS exergy
FROM thermaliq.output_streams('hw48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');
SELECT category, stream, round(energy_kwh::numeric, 5) AS energy_kwh,
	CASE WHEN stream = 'radiation' THEN pg_temp.rel_ok(energy_kwh, 29.190531420019354) END AS surface_ok
FROM thermaliq.heat_balance('hw48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');

-- Errors: a steam flow without its feedwater temperature, without its
-- pressure; hot water without its return temperature (22023, naming the
-- role); steam colder than saturation (22003 naming the meter and time).
\set VERBOSITY terse
DELETE FROM thermaliq.meters WHERE facility_id = 'steam48' AND meter_id = 'fw';
SELECT count(*) FROM thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');
DELETE FROM thermaliq.meters WHERE facility_id = 'hw48' AND meter_id = 'ret';
SELECT count(*) FROM thermaliq.efficiency_series('hw48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', '1 hour', 'public.p48_readings');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('steam48', 'fw', 'feedwater_temperature', 'rate', 'degC');
UPDATE public.p48_readings SET value = 150 WHERE facility_id = 'steam48' AND meter_id = 'st' AND "timestamp" = '2026-02-10 01:00+00';
SELECT count(*) FROM thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');
DELETE FROM thermaliq.meters WHERE facility_id = 'steam48' AND meter_id = 'sp';
SELECT count(*) FROM thermaliq.heat_balance('steam48', '2026-02-10 00:00+00', '2026-02-10 03:00+00', 'public.p48_readings');
\set VERBOSITY default
