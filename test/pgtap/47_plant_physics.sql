-- pgTAP: the plant side of the 1.1 physics (issue 14): SQLSTATEs of flow
-- outputs without their state meters, blowdown metered as heat and as a
-- mass flow through heat_balance and analyze() (1.0: 22023 for heat), the
-- new meter roles and settings constraints.
BEGIN;
SET LOCAL client_min_messages = warning;
SET LOCAL timezone = 'UTC';
SELECT plan(16);

SELECT thermaliq.create_readings_table('public.tap47_readings');
INSERT INTO thermaliq.facilities (facility_id, process_type, ambient_temperature_c)
VALUES ('t47', 'steam_boiler', 15), ('t47h', 'steam_boiler', 15);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('t47', '30 minutes'), ('t47h', '30 minutes');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('t47', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('t47', 'steam', 'steam_output', 'rate', 'kg/h', NULL, NULL),
	('t47', 'bd', 'blowdown_flow', 'rate', 'kg/h', NULL, NULL),
	('t47h', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('t47h', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL),
	('t47h', 'bd', 'blowdown_flow', 'rate', 'kW', NULL, NULL);
INSERT INTO public.tap47_readings
SELECT f, m, timestamptz '2026-02-10 00:00+00' + k * interval '15 minutes', v, u, 0
FROM generate_series(-1, 9) k, (VALUES ('t47', 'gas', 1000.0, 'kW'), ('t47', 'steam', 1200.0, 'kg/h'),
	('t47', 'bd', 30.0, 'kg/h'), ('t47h', 'gas', 1000.0, 'kW'), ('t47h', 'steam', 800.0, 'kW'),
	('t47h', 'bd', 5.0, 'kW')) AS s(f, m, v, u);

-- a steam flow needs its pressure and feedwater (22023 naming the role)
SELECT throws_ok($$SELECT * FROM thermaliq.heat_balance('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', 'public.tap47_readings')$$,
	'22023', 'steam_output meter "steam" is metered as a mass flow but the facility has no steam_pressure meter',
	'steam by flow without a steam_pressure meter: 22023');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('t47', 'sp', 'steam_pressure', 'rate', 'MPa');
INSERT INTO public.tap47_readings SELECT 't47', 'sp', timestamptz '2026-02-10 00:00+00' + k * interval '15 minutes', 1.0, 'MPa', 0
FROM generate_series(-1, 9) k;
SELECT throws_ok($$SELECT * FROM thermaliq.efficiency_series('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', '1 hour', 'public.tap47_readings')$$,
	'22023', 'steam_output meter "steam" is metered as a mass flow but the facility has no feedwater_temperature meter',
	'steam by flow without a feedwater_temperature meter: 22023');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('t47', 'fw', 'feedwater_temperature', 'rate', 'degC');
INSERT INTO public.tap47_readings SELECT 't47', 'fw', timestamptz '2026-02-10 00:00+00' + k * interval '15 minutes', 105, 'degC', 0
FROM generate_series(-1, 9) k;
-- saturated steam at 1 MPa from 105 degC feedwater (iapws: 2777.1195376846617 - 440.8632707499173)
SELECT ok((SELECT abs(useful_output_kwh / (2 * 1200 * (2777.1195376846617 - 440.8632707499173) / 3600) - 1) < 1e-9
	FROM thermaliq.efficiency_series('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', '2 hours', 'public.tap47_readings')),
	'no steam_temperature meter: saturated vapour at the steam pressure');
-- blowdown by flow: in the balance from the drum pressure (h'(1 MPa) = 762.6828443354106)
SELECT ok((SELECT abs(energy_kwh / (2 * 30 * (762.6828443354106 - 440.8632707499173) / 3600) - 1) < 1e-9
	FROM thermaliq.heat_balance('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', 'public.tap47_readings')
	WHERE stream = 'blowdown'), 'blowdown by flow: m (h''(p) - h_feed) in heat_balance');
SELECT lives_ok($$SELECT thermaliq.analyze('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', '{}', 'public.tap47_readings')$$,
	'analyze with blowdown by flow');
-- blowdown metered as heat: same row in heat_balance, and analyze no longer fails (1.0: 22023)
SELECT is((SELECT energy_kwh FROM thermaliq.heat_balance('t47h', '2026-02-10 00:00+00', '2026-02-10 02:00+00', 'public.tap47_readings')
	WHERE stream = 'blowdown'), 10::float8, 'blowdown as heat: 5 kW x 2 h in heat_balance');
SELECT lives_ok($$SELECT thermaliq.analyze('t47h', '2026-02-10 00:00+00', '2026-02-10 02:00+00', '{}', 'public.tap47_readings')$$,
	'analyze with blowdown metered as heat');
SELECT is((SELECT (o ->> 'recovered_heat_kwh')::float8 FROM jsonb_array_elements(
	thermaliq.analyze('t47h', '2026-02-10 00:00+00', '2026-02-10 02:00+00', '{}', 'public.tap47_readings') -> 'opportunities') o
	WHERE o ->> 'name' = 'blowdown_heat_recovery'), 8::float8, 'recovered = 0.8 x the balance''s 10 kWh blowdown');
-- a steam temperature below saturation: 22003
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('t47', 'st', 'steam_temperature', 'rate', 'degC');
INSERT INTO public.tap47_readings SELECT 't47', 'st', timestamptz '2026-02-10 00:00+00' + k * interval '15 minutes', 150, 'degC', 0
FROM generate_series(-1, 9) k;
SELECT throws_ok($$SELECT * FROM thermaliq.heat_balance('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', 'public.tap47_readings')$$,
	'22003', NULL, 'steam colder than saturation: 22003');
-- a steam pressure in a temperature unit: 22023
UPDATE public.tap47_readings SET unit = 'degC' WHERE meter_id = 'sp' AND "timestamp" = '2026-02-10 00:30+00';
SELECT throws_ok($$SELECT * FROM thermaliq.heat_balance('t47', '2026-02-10 00:00+00', '2026-02-10 02:00+00', 'public.tap47_readings')$$,
	'22023', NULL, 'steam_pressure read in degC: 22023');

-- the registry
SELECT lives_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, unit) VALUES
	('t47h', 'r1', 'supply_temperature', 'degC'), ('t47h', 'r2', 'return_temperature', 'degC'),
	('t47h', 'r3', 'ambient_humidity', '%')$$, 'the 1.1 roles are valid');
SELECT throws_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, unit) VALUES ('t47h', 'x', 'steam_flow', 'kg/h')$$,
	'23514', 'invalid meter role "steam_flow"', 'an unknown role: 23514');
SELECT throws_ok($$UPDATE thermaliq.facility_settings SET surface_area_m2 = 10 WHERE facility_id = 't47h'$$,
	'23514', NULL, 'a surface area without its temperature: 23514');
SELECT throws_ok($$UPDATE thermaliq.facility_settings SET air_humidity_pct = 120 WHERE facility_id = 't47h'$$,
	'23514', NULL, 'humidity above 100 %: 23514');
SELECT throws_ok($$UPDATE thermaliq.facility_settings SET radiation_rated_load_kw = 0 WHERE facility_id = 't47h'$$,
	'23514', NULL, 'a rated load of 0: 23514');
SELECT throws_ok($$SELECT thermaliq.analyze('t47h', '2026-02-10 00:00+00', '2026-02-10 02:00+00', '{"uncertainty_kind": "gaussian"}', 'public.tap47_readings')$$,
	'22023', NULL, 'an unknown uncertainty_kind: 22023');

SELECT * FROM finish();
ROLLBACK;
