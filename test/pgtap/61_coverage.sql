-- pgTAP: common coverage (API.md section 5) on facilities whose numbers are
-- worked out by hand: counters read at 15 +- 3 min, a bucket with the fuel
-- meter down, a day with a one-hour gap of the output meter.
BEGIN;
SELECT plan(20);

CREATE TABLE public.cov61_readings (facility_id text NOT NULL, meter_id text NOT NULL,
	"timestamp" timestamptz NOT NULL, value float8, unit text NOT NULL, quality smallint NOT NULL DEFAULT 0);
SET LOCAL timezone = 'UTC';

-- 1. Counters read every 15 min +- 3 min (the usual meter-reading interval),
-- default max_gap 15 min. The plant burns a constant 1000 kW of fuel and
-- delivers a constant 850 kW: its true efficiency is 85 %. Fuel and heat
-- counters are read at independent jittered times: read k of a meter at
-- D + 15 k min + j_k s, j_k = ((k * A + B) mod 361) - 180 (within +- 3 min;
-- A, B differ per meter), reading = R0 + P x hours since D. A constant
-- power makes the linear spreading of every increment exact, so each
-- bucket and the day give 85 % to rounding (1e-9 relative asked).
-- 1.0 dropped every increment whose interval exceeded max_gap (about half of
-- them) from each meter independently and reported 196-217 %.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('cnt61');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('cnt61', 'gas', 'fuel_input', 'counter', 'kWh', 'natural_gas', 'lhv'),
	('cnt61', 'heat', 'heat_output', 'counter', 'MWh', NULL, NULL);
INSERT INTO public.cov61_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'cnt61', m.id, t.ts, m.r0 + m.p * extract(epoch FROM t.ts - '2026-05-01 00:00+00') / 3600, m.unit
FROM (VALUES ('gas', 7919, 11, 5000000.0::float8, 1000.0::float8, 'kWh'),
		('heat', 104729, 17, 1234.5, 0.85, 'MWh')) m(id, a, b, r0, p, unit),
	generate_series(-2, 24 * 4 + 2) k,
	LATERAL (SELECT '2026-05-01 00:00+00'::timestamptz + k * interval '15 minutes'
		+ (((k * m.a + m.b) % 361 + 361) % 361 - 180) * interval '1 second' AS ts) t;
SELECT ok((SELECT count(*) > 40 FROM (SELECT "timestamp" - lag("timestamp") OVER (PARTITION BY meter_id ORDER BY "timestamp") AS dt
	FROM public.cov61_readings WHERE facility_id = 'cnt61') x WHERE dt > interval '15 minutes'),
	'the jitter makes many read intervals longer than max_gap');
SELECT ok((SELECT abs(first_law_efficiency_pct / 85 - 1) < 1e-9
	FROM thermaliq.efficiency_series('cnt61', '2026-05-01 00:00+00', '2026-05-02 00:00+00', '1 day', 'public.cov61_readings')),
	'counters at 15 +- 3 min: the day gives the true 85 % to 1e-9');
SELECT ok((SELECT bool_and(abs(first_law_efficiency_pct / 85 - 1) < 1e-9) AND count(*) = 24
	FROM thermaliq.efficiency_series('cnt61', '2026-05-01 00:00+00', '2026-05-02 00:00+00', '1 hour', 'public.cov61_readings')),
	'and so does every hourly bucket');
-- A counter covers every interval between two good reads: here both read
-- from before D to after D + 1 day, except that the read window
-- [D - max_gap, D + 1 day + max_gap) may miss the last read before D; the
-- fuel energy is 1000 kW x the common covered hours exactly.
SELECT ok((SELECT abs(fuel_input_kwh / (1000 * 24 * coverage_pct / 100) - 1) < 1e-9 AND coverage_pct > 98
	FROM thermaliq.efficiency_series('cnt61', '2026-05-01 00:00+00', '2026-05-02 00:00+00', '1 day', 'public.cov61_readings')),
	'fuel = 1000 kW x the common covered time; coverage > 98 % (only the edge reads)');
SELECT ok((SELECT bool_and(coverage_pct = 100 AND gap_meters = '{}') FROM thermaliq.efficiency_series('cnt61',
	'2026-05-01 01:00+00', '2026-05-01 23:00+00', '1 hour', 'public.cov61_readings')),
	'inside the reads every hour is fully covered, no gap meters');
SELECT ok((SELECT abs(energy_kwh / (0.85 * (SELECT energy_kwh FROM thermaliq.heat_balance('cnt61', '2026-05-01 00:00+00',
		'2026-05-02 00:00+00', 'public.cov61_readings') WHERE stream = 'gas')) - 1) < 1e-9
	FROM thermaliq.heat_balance('cnt61', '2026-05-01 00:00+00', '2026-05-02 00:00+00', 'public.cov61_readings') WHERE stream = 'heat'),
	'heat_balance: output = 0.85 x fuel input');

-- 2. The fuel meter down for an hour: fuel 1000 kW and heat 900 kW sampled
-- every minute over [00:00, 06:00], fuel without samples strictly between
-- 02:00 and 03:00 (a 60 min segment, longer than max_gap 15 min).
--   [02:00, 03:00): nothing is covered by every energy meter: fuel, heat,
--   electricity 0, efficiency NULL, coverage 0, gap_meters {gas} (1.0: fuel
--   0, electricity 20, heat 900 kWh: 4500 % at coverage 0).
--   the other hours: 100 x 900 / (1000 + 20) = 88.2353 %, with a 20 kW
--   electric meter.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('down61');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('down61', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('down61', 'heat', 'hot_water_output', 'rate', 'kW', NULL, NULL),
	('down61', 'pump', 'electric_input', 'rate', 'kW', NULL, NULL);
INSERT INTO public.cov61_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'down61', m, t, v, 'kW'
FROM generate_series('2026-05-01 00:00+00'::timestamptz, '2026-05-01 06:00+00', '1 minute') t,
	(VALUES ('gas', 1000.0), ('heat', 900.0), ('pump', 20.0)) x(m, v)
WHERE NOT (m = 'gas' AND t > '2026-05-01 02:00+00' AND t < '2026-05-01 03:00+00');
CREATE TEMP TABLE down AS SELECT * FROM thermaliq.efficiency_series('down61', '2026-05-01 00:00+00', '2026-05-01 06:00+00',
	'1 hour', 'public.cov61_readings');
SELECT is((SELECT first_law_efficiency_pct FROM down WHERE bucket_start = '2026-05-01 02:00+00'), NULL,
	'the bucket with the fuel meter down has a NULL efficiency');
SELECT is((SELECT gap_meters FROM down WHERE bucket_start = '2026-05-01 02:00+00'), '{gas}'::text[],
	'and names the fuel meter in gap_meters');
SELECT is((SELECT ARRAY[fuel_input_kwh, electric_input_kwh, useful_output_kwh, coverage_pct] FROM down
	WHERE bucket_start = '2026-05-01 02:00+00'), ARRAY[0, 0, 0, 0]::float8[],
	'no energy and no coverage in that bucket');
SELECT ok((SELECT bool_and(abs(first_law_efficiency_pct - 100 * 900.0 / 1020) < 1e-9 AND coverage_pct = 100 AND gap_meters = '{}')
	FROM down WHERE bucket_start <> '2026-05-01 02:00+00'), 'the other hours: 88.2353 %, fully covered, no gap meters');
-- the whole range: 5 of 6 hours covered, 5000 / 100 / 4500 kWh
SELECT is((SELECT ARRAY[round(fuel_input_kwh::numeric, 9), round(electric_input_kwh::numeric, 9),
		round(useful_output_kwh::numeric, 9), round(coverage_pct::numeric, 9)]
	FROM thermaliq.efficiency_series('down61', '2026-05-01 00:00+00', '2026-05-01 06:00+00', '6 hours', 'public.cov61_readings')),
	ARRAY[5000, 100, 4500, round(100 * 5 / 6.0, 9)]::numeric[], 'the whole range: 5 h x (1000, 20, 900) kWh, coverage 5/6');

-- 3. A day with a one-hour gap of one meter: fuel 1000 kW all day, heat
-- 900 kW with no samples strictly between 10:00 and 11:00. The efficiency
-- is that of the 23 covered hours: 100 x 23 x 900 / (23 x 1000) = 90 %
-- (1.0: 100 x 20700 / 24000 = 86.25 %); coverage 23/24; gap_meters {heat}.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('gap61');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('gap61', 'gas', 'fuel_input', 'rate', 'MW', 'natural_gas', 'hhv'),
	('gap61', 'heat', 'steam_output', 'rate', 'kW', NULL, NULL);
INSERT INTO public.cov61_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'gap61', m, t, v, u
FROM generate_series('2026-05-01 00:00+00'::timestamptz, '2026-05-02 00:00+00', '1 minute') t,
	(VALUES ('gas', 1.0, 'MW'), ('heat', 900.0, 'kW')) x(m, v, u)
WHERE NOT (m = 'heat' AND t > '2026-05-01 10:00+00' AND t < '2026-05-01 11:00+00');
CREATE TEMP TABLE day AS SELECT * FROM thermaliq.efficiency_series('gap61', '2026-05-01 00:00+00', '2026-05-02 00:00+00',
	'1 day', 'public.cov61_readings');
SELECT ok((SELECT abs(first_law_efficiency_pct - 90) < 1e-9 FROM day), 'one-hour gap: the efficiency of the covered 23 hours, 90 %');
SELECT ok((SELECT abs(fuel_input_kwh - 23000) < 1e-6 AND abs(useful_output_kwh - 20700) < 1e-6 FROM day),
	'fuel 23000 kWh, heat 20700 kWh: both over the same 23 hours');
SELECT ok((SELECT abs(coverage_pct - 100 * 23 / 24.0) < 1e-9 FROM day), 'coverage_pct 23/24 = 95.833 %');
SELECT is((SELECT gap_meters FROM day), '{heat}'::text[], 'gap_meters names the output meter');
SELECT ok((SELECT abs(sum(fuel_input_kwh) - 23000) < 1e-6 AND count(*) FILTER (WHERE gap_meters = '{heat}') = 1
	FROM thermaliq.efficiency_series('gap61', '2026-05-01 00:00+00', '2026-05-02 00:00+00', '1 hour', 'public.cov61_readings')),
	'hourly buckets add up to the day; one names the gap');
SELECT is((SELECT round(closure_error_pct::numeric, 9) FROM thermaliq.balance_closure('gap61', '2026-05-01 00:00+00',
	'2026-05-02 00:00+00', 'public.cov61_readings')), round(100 * abs(23000 - 20700 - 230 - 0.0) / 23000, 9)::numeric,
	'balance_closure on the same 23 hours: (23000 - 20700 - 1 % radiation) / 23000 = 9 %');
SELECT ok((SELECT abs(sum(energy_kwh) FILTER (WHERE target = 'gap61') - 23000) < 1e-6
	FROM thermaliq.sankey('gap61', '2026-05-01 00:00+00', '2026-05-02 00:00+00', 'public.cov61_readings')),
	'sankey: 23000 kWh into the facility node');

-- No energy meter at all: coverage NULL, gap_meters empty
INSERT INTO thermaliq.facilities (facility_id) VALUES ('none61');
SELECT is((SELECT ARRAY[coverage_pct::text, gap_meters::text] FROM thermaliq.efficiency_series('none61', '2026-05-01 00:00+00',
	'2026-05-01 01:00+00', '1 hour', 'public.cov61_readings')), ARRAY[NULL, '{}'], 'no energy meters: coverage NULL, gap_meters {}');
-- A registered energy meter without readings: nothing is covered, it is named
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('gap61', 'aux', 'electric_input', 'rate', 'kW');
SELECT is((SELECT gap_meters FROM thermaliq.efficiency_series('gap61', '2026-05-01 00:00+00', '2026-05-02 00:00+00',
	'1 day', 'public.cov61_readings')), '{aux,heat}'::text[], 'a meter without readings misses the whole bucket (meter_id order)');

SELECT * FROM finish();
ROLLBACK;
