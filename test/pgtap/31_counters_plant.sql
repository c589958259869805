-- pgTAP: counters in the plant functions follow API.md section 5 (1.1):
-- an increment between two good reads is measured whatever the interval
-- (max_gap never drops it), a re-sent value within the step-back
-- tolerance is no reset, and Nm3 is at 0 degC / 101.325 kPa.
BEGIN;
SELECT plan(9);

SELECT thermaliq.create_readings_table('public.ctr_readings', '1 month', 2, NULL);
INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('ctr', 'counter plant');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('ctr', 'gas', 'fuel_input', 'counter', 'kg', 'natural_gas', 'hhv'),
	('ctr', 'heat', 'heat_output', 'rate', 'kW', NULL, NULL);

-- A gas counter read every 15 min +- 3 min (offsets -3 .. +3 min, so 12 to
-- 18 min apart: many intervals exceed the default max_gap of 15 min) at a
-- true 100 kg/h: reading k = 50000 kg + 100 kg/h x hours since t0. Heat
-- metered every 5 min at 1000 kW. Times relative to now() so that the
-- partitions exist.
CREATE TEMP TABLE ctr_t AS
SELECT k, date_trunc('day', now()) - interval '2 days' + k * interval '15 min'
	+ (((k * 5) % 7) - 3) * interval '1 min' AS ts
FROM generate_series(0, 200) k;
INSERT INTO public.ctr_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'ctr', 'gas', ts, 50000 + 100 * extract(epoch FROM ts - (SELECT min(ts) FROM ctr_t)) / 3600, 'kg', 0
FROM ctr_t;
INSERT INTO public.ctr_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'ctr', 'heat', t, 1000, 'kW', 0
FROM generate_series((SELECT min(ts) FROM ctr_t) - interval '1 hour', (SELECT max(ts) FROM ctr_t) + interval '1 hour',
	interval '5 min') t;

-- the period from read 10 to read 190: exactly 100 kg/h x its hours of gas
CREATE TEMP TABLE ctr_p AS
SELECT (SELECT ts FROM ctr_t WHERE k = 10) AS p_from, (SELECT ts FROM ctr_t WHERE k = 190) AS p_to;
CREATE TEMP TABLE ctr_x AS
SELECT 100 * extract(epoch FROM p_to - p_from) / 3600 * f.hhv_mj_kg / 3.6 AS fuel_kwh,
	1000 * extract(epoch FROM p_to - p_from) / 3600 AS heat_kwh
FROM ctr_p, thermaliq.fuels f WHERE f.fuel_id = 'natural_gas';

SELECT ok((SELECT count(*) FROM (SELECT ts - lag(ts) OVER (ORDER BY ts) d FROM ctr_t) x
	WHERE d > interval '15 min') >= 40, 'the fixture has read intervals longer than max_gap (15 min)');
SELECT ok((SELECT abs(e.fuel_input_kwh - x.fuel_kwh) <= 1e-9 * x.fuel_kwh
	FROM ctr_p, ctr_x x, thermaliq.efficiency_series('ctr', p_from, p_to, p_to - p_from, 'public.ctr_readings') e),
	'efficiency_series: the counter''s fuel energy is 100 kg/h x hours x HHV / 3.6 to 1e-9, no interval dropped');
SELECT ok((SELECT abs(e.first_law_efficiency_pct - 100 * x.heat_kwh / x.fuel_kwh) <= 1e-9 * e.first_law_efficiency_pct
	FROM ctr_p, ctr_x x, thermaliq.efficiency_series('ctr', p_from, p_to, p_to - p_from, 'public.ctr_readings') e),
	'the efficiency is the true 1000 kW / (100 kg/h x HHV) to 1e-9');
SELECT ok((SELECT abs(sum(e.fuel_input_kwh) - x.fuel_kwh) <= 1e-9 * x.fuel_kwh
	FROM ctr_p, ctr_x x, thermaliq.efficiency_series('ctr', p_from, p_to, '1 hour', 'public.ctr_readings') e
	GROUP BY x.fuel_kwh),
	'hourly buckets spread each increment linearly and add up to the whole');
SELECT ok((SELECT abs(h.energy_kwh - x.fuel_kwh) <= 1e-9 * x.fuel_kwh
	FROM ctr_p, ctr_x x, thermaliq.heat_balance('ctr', p_from, p_to, 'public.ctr_readings') h
	WHERE h.category = 'input'), 'heat_balance input equals the counter''s delta');

-- a re-sent value 0.1 kg below the register (50 t scale) half-way between
-- reads 100 and 101: a step-back, nothing consumed, no reset (1.0 counted
-- the whole register, ~5e4 kg, as consumption)
INSERT INTO public.ctr_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'ctr', 'gas', a.ts + (b.ts - a.ts) / 2,
	50000 + 100 * extract(epoch FROM a.ts - (SELECT min(ts) FROM ctr_t)) / 3600 - 0.1, 'kg', 0
FROM ctr_t a JOIN ctr_t b ON b.k = a.k + 1 WHERE a.k = 100;
-- from read 100 to 101, the increment is 100 kg/h x the interval: with the
-- step-back inside, it all lands after the re-sent value (the register
-- counts again from read 100's value)
SELECT ok((SELECT abs(e.fuel_input_kwh - x.fuel_kwh) <= 1e-9 * x.fuel_kwh
	FROM ctr_p, ctr_x x, thermaliq.efficiency_series('ctr', p_from, p_to, p_to - p_from, 'public.ctr_readings') e),
	'a re-sent value within the step-back tolerance changes nothing');
-- with tolerance 0 (the 1.0 rule) the re-sent value is a reset: the whole
-- register (~50 t) counts as consumption
INSERT INTO thermaliq.meter_settings (facility_id, meter_id, stepback_tolerance) VALUES ('ctr', 'gas', 0);
SELECT ok((SELECT e.fuel_input_kwh > x.fuel_kwh + 40000 * f.hhv_mj_kg / 3.6
	FROM ctr_p, ctr_x x, thermaliq.fuels f,
		thermaliq.efficiency_series('ctr', p_from, p_to, p_to - p_from, 'public.ctr_readings') e
	WHERE f.fuel_id = 'natural_gas'), 'stepback_tolerance 0: the re-sent value is a reset');
SELECT throws_ok($$UPDATE thermaliq.meter_settings SET stepback_tolerance = 1 WHERE meter_id = 'gas'$$,
	'23514', NULL, 'stepback_tolerance must be below 1');

-- Nm3 (0 degC, 101.325 kPa) against m3 at the fuels' 15 degC reference:
-- 288.15 / 273.15 = 1.0549148819330039 (ideal gas, same pressure)
SELECT is(thermaliq.convert(1, 'Nm3/h', 'm3/h'), 288.15 / 273.15::float8, '1 Nm3/h = 288.15/273.15 m3/h at 15 degC');

SELECT * FROM finish();
ROLLBACK;
