-- Plant calculations (API.md section 3): efficiency_series, heat_balance,
-- balance_closure, sankey, sankey_svg on small hand-built facilities whose
-- integrals are worked out by hand in the comments.
SET client_min_messages = warning;
SET timezone = 'UTC';
SELECT thermaliq.create_readings_table('public.plant60_readings', '1 month', 2,
	p_start_partition := '2026-01-01') IS NOT NULL AS created;
RESET client_min_messages;

-- A fuel with round numbers: 36 MJ/kg HHV = 10 kWh/kg, 32.4 MJ/kg LHV = 9 kWh/kg,
-- 0.8 kg/m3 (the analysis only matters for the flue-gas losses).
INSERT INTO thermaliq.fuels (fuel_id, name, hhv_mj_kg, lhv_mj_kg, density_kg_m3,
	carbon, hydrogen, oxygen, nitrogen, sulfur, moisture, ash)
VALUES ('test60_fuel', 'Test fuel', 36.0, 32.4, 0.8, 0.75, 0.25, 0, 0, 0, 0, 0);

-- Facility "hand", range [00:00, 03:00) on 2026-03-02, max_gap 1 hour.
--   gas   fuel, rate kW (HHV). Samples 23:30 900, 00:30 1100, 01:30 1.3 MW
--         (plus a duplicate 1250 kW: the larger value wins), 02:00 99999
--         quality 2 (bad: excluded), 02:30 1500, 03:30 1700. That is the line
--         P(t) = 1000 + 200 t kW (t in hours from 00:00), and the samples just
--         outside the range give the values at the edges. Energy per hour:
--         [0,1) 1100, [1,2) 1300, [2,3) 1500 kWh on its own (3900 kWh).
--   steam steam output, rate kW, 900 kW at 00:00, 00:30, 01:00, then NULL at
--         01:30, then 02:15, 02:30, 03:00: the segment 01:00 -> 02:15 (75 min)
--         is longer than max_gap, so [01:00, 02:15) is uncovered.
--         Energy: [0,1) 900, [1,2) 0, [2,3) 0.75 h x 900 = 675; total 1575.
--   elec  electricity, counter kWh: 00:00 1000, 00:45 1030, 01:30 1.06 MWh,
--         02:15 5 (a reset: the step is 5), 03:00 35. Steps spread evenly:
--         00:00-00:45 30 kWh, 00:45-01:30 30 kWh (40 kW), 01:30-02:15 5 kWh
--         (6.667 kW), 02:15-03:00 30 kWh.
--         [0,1) 30 + 0.25 x 40 = 40; [1,2) 0.5 x 40 + 0.5 x 20/3 = 70/3;
--         [2,3) 0.25 x 20/3 + 30 = 95/3; total 95 kWh.
--   fgt   flue-gas temperature 150 + 30 t degC, o2 3 % (every 10 minutes),
--         weighted by the fuel power (below); over the whole [0, 3] that
--         would be 774000 / 3900 = 198.46 degC, the plain mean 195 degC.
-- Common coverage (1.1, API.md section 5): every energy meter is integrated
-- over the time that ALL energy meters (gas, steam, elec) cover. gas covers
-- [0,3), the elec counter covers every interval between two reads [0,3),
-- steam misses [01:00, 02:15): common = [0,1) + [02:15, 3).
--   gas   [0,1) 1100; [1,2) 0; [2,3) over [2.25, 3): 1000 x 0.75 + 100 x
--         (3^2 - 2.25^2) = 750 + 393.75 = 1143.75; total 2243.75 kWh.
--   elec  [0,1) 40; [1,2) 0; [2,3) over [2.25, 3): 30 kWh; total 70 kWh.
--   steam [0,1) 900; [1,2) 0; [2,3) 675; total 1575 kWh.
--   (1.0 integrated each meter on its own coverage: gas 1300 and elec 70/3
--   in [1,2) against no steam, the whole range 3900 / 95 / 1575 kWh.)
-- Efficiency: [0,1) 100 x 900 / 1140; [1,2) NULL (nothing covered);
--   [2,3) 100 x 675 / 1173.75 = 57.508 %.
-- Coverage (common): 100, 0, 75 %; gap_meters {}, {steam}, {steam}.
-- Flue gas weighted by the fuel power over the common coverage:
--   int (150 + 30 t)(1000 + 200 t) dt = [150000 t + 30000 t^2 + 2000 t^3]
--   over [0,1] = 182000 and over [2.25, 3] = 774000 - 512156.25 = 261843.75;
--   443843.75 / 2243.75 kWh = 197.8134 degC.
-- Quality (rows in the bucket of gas, steam, elec; usable / all):
--   [0,1) gas 00:30, steam 00:00 00:30, elec 00:00 00:45: 5/5 = 100 %
--   [1,2) gas 01:30 x2, steam 01:00 + NULL 01:30, elec 01:30: 4/5 = 80 %
--   [2,3) gas bad 02:00 + 02:30, steam 02:15 02:30, elec 02:15: 4/5 = 80 %
--   whole range 13/15.
INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('hand', 'Hand-built boiler');
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('hand', '1 hour');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('hand', 'gas', 'fuel_input', 'rate', 'kW', 'test60_fuel', 'hhv'),
	('hand', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL),
	('hand', 'elec', 'electric_input', 'counter', 'kWh', NULL, NULL),
	('hand', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
	('hand', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL);
-- deliberately out of order
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit, quality) VALUES
	('hand', 'gas', '2026-03-02 03:30+00', 1700, 'kW', 0),
	('hand', 'elec', '2026-03-02 02:15+00', 5, 'kWh', 0),
	('hand', 'gas', '2026-03-02 01:30+00', 1.3, 'MW', 0),
	('hand', 'steam', '2026-03-02 02:15+00', 900, 'kW', 0),
	('hand', 'gas', '2026-03-02 00:30+00', 1100, 'kW', 1),
	('hand', 'gas', '2026-03-02 01:30+00', 1250, 'kW', 0),
	('hand', 'elec', '2026-03-02 00:00+00', 1000, 'kWh', 0),
	('hand', 'gas', '2026-03-02 02:00+00', 99999, 'kW', 2),
	('hand', 'steam', '2026-03-02 03:00+00', 900, 'kW', 0),
	('hand', 'gas', '2026-03-01 23:30+00', 900, 'kW', 0),
	('hand', 'steam', '2026-03-02 00:00+00', 900, 'kW', 0),
	('hand', 'elec', '2026-03-02 03:00+00', 35, 'kWh', 0),
	('hand', 'steam', '2026-03-02 01:30+00', NULL, 'kW', 0),
	('hand', 'gas', '2026-03-02 02:30+00', 1500, 'kW', 0),
	('hand', 'steam', '2026-03-02 00:30+00', 900, 'kW', 0),
	('hand', 'elec', '2026-03-02 00:45+00', 1030, 'kWh', 0),
	('hand', 'steam', '2026-03-02 01:00+00', 900, 'kW', 0),
	('hand', 'elec', '2026-03-02 01:30+00', 1.06, 'MWh', 0),
	('hand', 'steam', '2026-03-02 02:30+00', 900, 'kW', 0);
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'hand', m, t, v0 + v1 * extract(epoch FROM t - '2026-03-02 00:00+00') / 3600, u
FROM generate_series('2026-03-01 23:50+00'::timestamptz, '2026-03-02 03:10+00', '10 minutes') t,
	(VALUES ('fgt', 150.0, 30.0, 'degC'), ('o2', 3.0, 0.0, '%')) x(m, v0, v1, u);

CREATE FUNCTION pg_temp.rel_ok(got float8, want float8) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(got - want) <= 1e-9 * greatest(abs(want), 1e-300) $$;

\echo == efficiency_series, hourly buckets, every number against the hand values
SELECT e.bucket_start,
	round(e.fuel_input_kwh::numeric, 6) AS fuel, round(e.electric_input_kwh::numeric, 6) AS elec,
	round(e.useful_output_kwh::numeric, 6) AS useful,
	round(e.first_law_efficiency_pct::numeric, 6) AS eff,
	round(e.coverage_pct::numeric, 6) AS cov, round(e.quality_pct::numeric, 6) AS qual,
	pg_temp.rel_ok(e.fuel_input_kwh, h.fuel) AND pg_temp.rel_ok(e.electric_input_kwh, h.elec)
	AND (e.useful_output_kwh = h.useful OR pg_temp.rel_ok(e.useful_output_kwh, h.useful))
	AND (e.first_law_efficiency_pct IS NULL AND h.cov = 0
	     OR pg_temp.rel_ok(e.first_law_efficiency_pct, 100 * h.useful / (h.fuel + h.elec)))
	AND (e.coverage_pct = h.cov OR pg_temp.rel_ok(e.coverage_pct, h.cov))
	AND pg_temp.rel_ok(e.quality_pct, h.qual) AND e.gap_meters = h.gaps AS all_ok, e.gap_meters
FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour',
	'public.plant60_readings') e
JOIN (VALUES
	('2026-03-02 00:00+00'::timestamptz, 1100.0::float8, 40.0::float8, 900.0::float8, 100.0::float8, 100.0::float8, '{}'::text[]),
	('2026-03-02 01:00+00', 0.0, 0.0, 0.0, 0.0, 80.0, '{steam}'),
	('2026-03-02 02:00+00', 1143.75, 30.0, 675.0, 75.0, 80.0, '{steam}')
) h(bucket_start, fuel, elec, useful, cov, qual, gaps) USING (bucket_start)
ORDER BY 1;

\echo == the whole range as one bucket: 2243.75, 70, 1575 kWh, coverage 1.75 h / 3 h, quality 13/15
SELECT pg_temp.rel_ok(fuel_input_kwh, 2243.75) AS fuel, pg_temp.rel_ok(electric_input_kwh, 70) AS elec,
	pg_temp.rel_ok(useful_output_kwh, 1575) AS useful,
	pg_temp.rel_ok(first_law_efficiency_pct, 100.0 * 1575 / 2313.75) AS eff,
	pg_temp.rel_ok(coverage_pct, 100.0 * 1.75 / 3) AS cov,
	pg_temp.rel_ok(quality_pct, 100.0 * 13 / 15) AS qual, gap_meters
FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '3 hours',
	'public.plant60_readings');

\echo == buckets add up to the whole range (1 h, 10 min, 7 min with the last clipped, 1 day)
SELECT b.bucket, count(*) AS buckets, max(e.bucket_start)::time AS last_start,
	pg_temp.rel_ok(sum(e.fuel_input_kwh), 2243.75) AND pg_temp.rel_ok(sum(e.electric_input_kwh), 70)
	AND pg_temp.rel_ok(sum(e.useful_output_kwh), 1575) AS sums_ok
FROM (VALUES ('1 hour'::interval), ('10 minutes'), ('7 minutes'), ('1 day')) b(bucket),
	thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', b.bucket,
		'public.plant60_readings') e
GROUP BY b.bucket ORDER BY b.bucket;

\echo == interpolation at odd edges: [00:20, 00:50) of P = 1000 + 200 t: 1000 x 1/2 + 100 x ((5/6)^2 - (1/3)^2) = 558.33
-- (the range where every energy meter reads; [00:20, 02:40) would lose the steam gap)
SELECT pg_temp.rel_ok(fuel_input_kwh, 1000.0 / 2 + 100.0 * (25.0 / 36 - 1.0 / 9)) AS fuel_ok, coverage_pct
FROM thermaliq.efficiency_series('hand', '2026-03-02 00:20+00', '2026-03-02 00:50+00', '1 day',
	'public.plant60_readings');
\echo == and across the gap [00:20, 02:40): common [00:20, 01:00) + [02:15, 02:40): 755.56 + 621.53
SELECT pg_temp.rel_ok(fuel_input_kwh, 1000.0 * 2 / 3 + 100.0 * (1 - 1.0 / 9)
		+ 1000.0 * (8.0 / 3 - 2.25) + 100.0 * (64.0 / 9 - 2.25 ^ 2)) AS fuel_ok,
	pg_temp.rel_ok(coverage_pct, 100.0 * (40 + 25) / 140) AS cov_ok
FROM thermaliq.efficiency_series('hand', '2026-03-02 00:20+00', '2026-03-02 02:40+00', '1 day',
	'public.plant60_readings');

\echo == heat balance: losses at 443843.75/2243.75 degC / 3 % O2 on 2243.75 kWh of fuel (HHV), radiation 1 %
SELECT h.category, h.stream, round(h.energy_kwh::numeric, 6) AS energy_kwh,
	round(h.share_pct::numeric, 6) AS share_pct,
	pg_temp.rel_ok(h.share_pct, 100 * h.energy_kwh / 2313.75) AS share_ok
FROM thermaliq.heat_balance('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00',
	'public.plant60_readings') h;
-- the loss rows are the heat-loss method's percentages of the fuel energy;
-- 1.1 splits the moisture loss into its sensible part (moisture) and the
-- latent heat of the water leaving as vapour (latent_heat): 2243.75 kWh x
-- 3.6 / 36 MJ/kg = 224.375 kg fuel x 18.015/2.016 x 0.25 kg water/kg x
-- 2442 kJ/kg / 3600 = 340.01758 kWh (the flue gas is above its dew point)
SELECT pg_temp.rel_ok(d.energy_kwh, c.dry_flue_gas_pct * 2243.75 / 100) AS dry_ok,
	pg_temp.rel_ok(m.energy_kwh + l.energy_kwh, c.moisture_pct * 2243.75 / 100) AS moisture_ok,
	pg_temp.rel_ok(l.energy_kwh, 224.375 * 18.015 / 2.016 * 0.25 * 2442 / 3600) AS latent_ok,
	pg_temp.rel_ok(r.energy_kwh, 22.4375) AS radiation_ok,
	pg_temp.rel_ok(u.energy_kwh, 2313.75 - 1575 - 22.4375 - (c.dry_flue_gas_pct + c.moisture_pct) * 22.4375) AS unaccounted_ok
FROM thermaliq.combustion_losses('test60_fuel', 443843.75 / 2243.75, 25, 3, 0, 'hhv') c,
	thermaliq.heat_balance('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') d,
	thermaliq.heat_balance('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') m,
	thermaliq.heat_balance('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') r,
	thermaliq.heat_balance('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') u,
	thermaliq.heat_balance('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') l
WHERE d.stream = 'dry_flue_gas' AND m.stream = 'moisture' AND r.stream = 'radiation' AND u.category = 'unaccounted'
  AND l.stream = 'latent_heat';

\echo == flue gas colder than the air: no flue-gas rows, a NOTICE says why
INSERT INTO thermaliq.facilities (facility_id) VALUES ('cond');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, unit, fuel_id, heating_value_basis) VALUES
	('cond', 'f', 'fuel_input', 'kW', 'test60_fuel', 'lhv'), ('cond', 't', 'flue_gas_temperature', 'degC', NULL, NULL),
	('cond', 'o', 'flue_gas_o2', '%', NULL, NULL);
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'cond', m, t, v, u FROM generate_series('2026-03-02 00:00+00'::timestamptz, '2026-03-02 01:00+00', '10 minutes') t,
	(VALUES ('f', 100.0, 'kW'), ('t', 20.0, 'degC'), ('o', 3.0, '%')) x(m, v, u);
SELECT category, stream, energy_kwh FROM thermaliq.heat_balance('cond', '2026-03-02 00:00+00', '2026-03-02 01:00+00', 'public.plant60_readings');

\echo == balance_closure: the same numbers
SELECT pg_temp.rel_ok(c.input_kwh, 2313.75) AS input_ok, pg_temp.rel_ok(c.output_kwh, 1575) AS output_ok,
	pg_temp.rel_ok(c.loss_kwh, (SELECT sum(energy_kwh) FROM thermaliq.heat_balance('hand',
		'2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') WHERE category = 'loss')) AS loss_ok,
	pg_temp.rel_ok(c.unaccounted_kwh, c.input_kwh - c.output_kwh - c.loss_kwh) AS unaccounted_ok,
	pg_temp.rel_ok(c.closure_error_pct, 100 * abs(c.unaccounted_kwh) / 2313.75) AS error_ok,
	c.closure_class
FROM thermaliq.balance_closure('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00',
	'public.plant60_readings') c;

\echo == sankey: one link per heat_balance row, the facility node balances exactly
SELECT s.source, s.target, round(s.energy_kwh::numeric, 6) AS energy_kwh
FROM thermaliq.sankey('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') s;
SELECT pg_temp.rel_ok(sum(energy_kwh) FILTER (WHERE target = 'hand'),
		sum(energy_kwh) FILTER (WHERE source = 'hand')) AS balanced,
	pg_temp.rel_ok(sum(energy_kwh) FILTER (WHERE target = 'hand'), 2313.75) AS input_ok
FROM thermaliq.sankey('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings');

\echo == fuel by mass and volume, rate and counter, on either basis
-- "mass": 100 kg/h for 2 h on HHV (10 kWh/kg) = 2000 kWh; "vol": 125 m3/h
-- x 0.8 kg/m3 = 100 kg/h on LHV (9 kWh/kg) = 1800 kWh; "kgc": a kg counter
-- 0, 50, 200 kg at 00:00, 01:00, 02:00 on HHV = 2000 kWh, 500 in the first hour.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('mass'), ('vol'), ('kgc');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('mass', 'f', 'fuel_input', 'rate', 'kg/h', 'test60_fuel', 'hhv'),
	('vol', 'f', 'fuel_input', 'rate', 'm3/h', 'test60_fuel', 'lhv'),
	('kgc', 'f', 'fuel_input', 'counter', 'kg', 'test60_fuel', 'hhv');
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'mass', 'f', t, 0.1, 't/h' FROM generate_series('2026-03-02 00:00+00'::timestamptz, '2026-03-02 02:00+00', '5 minutes') t
UNION ALL
SELECT 'vol', 'f', t, 125, 'm3/h' FROM generate_series('2026-03-02 00:00+00'::timestamptz, '2026-03-02 02:00+00', '5 minutes') t
UNION ALL
SELECT 'kgc', 'f', t, v, 'kg' FROM (VALUES ('2026-03-02 00:00+00'::timestamptz, 0.0), ('2026-03-02 01:00+00', 50), ('2026-03-02 02:00+00', 200)) x(t, v);
INSERT INTO thermaliq.meter_settings (facility_id, meter_id, max_gap) VALUES ('kgc', 'f', '2 hours');
SELECT f.facility_id, pg_temp.rel_ok(e.fuel_input_kwh, f.want) AS fuel_ok,
	e.useful_output_kwh, e.first_law_efficiency_pct, round(e.coverage_pct::numeric, 6) AS cov
FROM (VALUES ('mass', 2000.0::float8), ('vol', 1800.0), ('kgc', 2000.0)) f(facility_id, want),
	thermaliq.efficiency_series(f.facility_id, '2026-03-02 00:00+00', '2026-03-02 02:00+00', '2 hours',
		'public.plant60_readings') e
ORDER BY 1;
SELECT bucket_start::time, pg_temp.rel_ok(fuel_input_kwh, CASE WHEN bucket_start::time = '00:00' THEN 500 ELSE 1500 END) AS ok
FROM thermaliq.efficiency_series('kgc', '2026-03-02 00:00+00', '2026-03-02 02:00+00', '1 hour', 'public.plant60_readings');

\echo == counters: the rules of meter_agg (a drop is a reset; rollover and max_rate from meter_settings)
-- 00:00 100, 00:30 110, 01:00 108, 01:30 120, 02:00 125, 02:30 7, 03:00 10 kWh.
-- Steps: 10, 108 (a drop: reset, the new reading counts from 0), 12, 5,
-- 7 (reset), 3; each spread over its half hour:
--   [0,1) 10 + 108 = 118, [1,2) 12 + 5 = 17, [2,3) 7 + 3 = 10; total 145.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('back');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('back', 'e', 'electric_input', 'counter', 'kWh');
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('back', '30 minutes');
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'back', 'e', '2026-03-02 00:00+00'::timestamptz + (k * 30) * interval '1 minute', v, 'kWh'
FROM unnest(ARRAY[100, 110, 108, 120, 125, 7, 10]::float8[]) WITH ORDINALITY AS x(v, k1), LATERAL (SELECT k1 - 1 AS k) kk;
SELECT bucket_start::time, round(electric_input_kwh::numeric, 9) AS kwh, coverage_pct
FROM thermaliq.efficiency_series('back', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings');
-- the same readings through meter_agg: delta 145, 2 resets
SELECT thermaliq.delta(m) AS delta, thermaliq.reset_count(m) AS resets
FROM (SELECT thermaliq.meter_agg("timestamp", value) m FROM public.plant60_readings
	WHERE facility_id = 'back' AND meter_id = 'e') x;
-- max_rate 50 kWh/h: the 108 kWh step in half an hour (216 kWh/h) is
-- rejected, the 7 kWh reset (14 kWh/h) is not: [0,1) 10, [1,2) 17, [2,3) 10.
INSERT INTO thermaliq.meter_settings (facility_id, meter_id, max_rate) VALUES ('back', 'e', 50);
SELECT bucket_start::time, round(electric_input_kwh::numeric, 9) AS kwh
FROM thermaliq.efficiency_series('back', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings');
-- rollover at 130 kWh (in the registry unit): the drops
-- wrap: 110 -> 108 is 130 - 110 + 108 = 128, 125 -> 7 is 130 - 125 + 7 = 12:
--   [0,1) 10 + 128 = 138, [1,2) 17, [2,3) 12 + 3 = 15.
UPDATE thermaliq.meter_settings SET max_rate = NULL, rollover = 130 WHERE facility_id = 'back';
SELECT bucket_start::time, round(electric_input_kwh::numeric, 9) AS kwh
FROM thermaliq.efficiency_series('back', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings');
-- a rollover given in MWh on a MWh-registered counter is converted alike
UPDATE thermaliq.meters SET unit = 'MWh' WHERE facility_id = 'back' AND meter_id = 'e';
UPDATE thermaliq.meter_settings SET rollover = 0.130 WHERE facility_id = 'back';
SELECT round(sum(electric_input_kwh)::numeric, 9) AS kwh_total_170
FROM thermaliq.efficiency_series('back', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings');

\echo == no data, no meters: zeros, NULL efficiency, coverage 0 or NULL, quality NULL
INSERT INTO thermaliq.facilities (facility_id) VALUES ('empty');
SELECT * FROM thermaliq.efficiency_series('empty', '2026-03-02 00:00+00', '2026-03-02 02:00+00', '1 hour', 'public.plant60_readings');
SELECT * FROM thermaliq.efficiency_series('mass', '2026-04-02 00:00+00', '2026-04-02 01:00+00', '1 hour', 'public.plant60_readings');
SELECT * FROM thermaliq.heat_balance('empty', '2026-03-02 00:00+00', '2026-03-02 02:00+00', 'public.plant60_readings');
SELECT * FROM thermaliq.balance_closure('empty', '2026-03-02 00:00+00', '2026-03-02 02:00+00', 'public.plant60_readings');

\echo == closure classes at their bounds: 1000 kWh in, 900 out, radiation loss set to give the error
INSERT INTO thermaliq.facilities (facility_id) VALUES ('closure');
INSERT INTO thermaliq.facility_settings (facility_id) VALUES ('closure');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, unit, heating_value_basis) VALUES
	('closure', 'fuel', 'fuel_input', 'kW', 'lhv'), ('closure', 'heat', 'heat_output', 'kW', NULL);
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'closure', m, t, v, 'kW' FROM generate_series('2026-03-02 00:00+00'::timestamptz, '2026-03-02 01:00+00', '10 minutes') t,
	(VALUES ('fuel', 1000.0), ('heat', 900.0)) x(m, v);
CREATE FUNCTION pg_temp.closure_at(p_radiation float8) RETURNS TABLE(radiation float8, error_pct float8, klass text)
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE thermaliq.facility_settings SET radiation_loss_pct = p_radiation WHERE facility_id = 'closure';
	RETURN QUERY SELECT p_radiation, round(c.closure_error_pct::numeric, 9)::float8, c.closure_class
	FROM thermaliq.balance_closure('closure', '2026-03-02 00:00+00', '2026-03-02 01:00+00', 'public.plant60_readings') c;
END $$;
SELECT c.* FROM unnest(ARRAY[10, 9.5, 9, 8, 7.5, 5, 4, 20]::float8[]) r, pg_temp.closure_at(r) c;

\echo == sankey with a negative unaccounted rest: it becomes a link into the facility
SELECT * FROM thermaliq.sankey('closure', '2026-03-02 00:00+00', '2026-03-02 01:00+00', 'public.plant60_readings');

\echo == sankey_svg: a well-formed document, labels escaped
INSERT INTO thermaliq.facilities (facility_id) VALUES ('a<b & "c"');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, unit, heating_value_basis) VALUES
	('a<b & "c"', 'fuel <1>', 'fuel_input', 'kW', 'hhv');
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'a<b & "c"', 'fuel <1>', t, 500, 'kW' FROM generate_series('2026-03-02 00:00+00'::timestamptz, '2026-03-02 01:00+00', '10 minutes') t;
SELECT xml_is_well_formed_document(s) AS well_formed, s LIKE '<?xml%' AS has_prolog,
	s LIKE '%a&lt;b &amp; &quot;c&quot;%' AS facility_escaped, s LIKE '%fuel &lt;1&gt;%' AS meter_escaped,
	s LIKE '%<svg xmlns="http://www.w3.org/2000/svg"%' AS svg_root
FROM thermaliq.sankey_svg('a<b & "c"', '2026-03-02 00:00+00', '2026-03-02 01:00+00', 'public.plant60_readings') s;
SELECT xml_is_well_formed_document(s) AS well_formed, s LIKE '%steam%' AND s LIKE '%dry_flue_gas%' AS labelled
FROM thermaliq.sankey_svg('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings') s;

\echo == STRICT: a NULL argument gives no rows
SELECT count(*) FROM thermaliq.efficiency_series(NULL, '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings');
SELECT count(*) FROM thermaliq.heat_balance('hand', '2026-03-02 00:00+00', NULL, 'public.plant60_readings');
SELECT thermaliq.sankey_svg('hand', NULL, '2026-03-02 03:00+00', 'public.plant60_readings') IS NULL AS null_svg;

\echo == errors
CREATE FUNCTION pg_temp.err(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE p_sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('nowhere', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 03:00+00', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '0 hours', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '-1 hour', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 month -31 days', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2036-03-02 03:00+00', '1 minute', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '-infinity', '2026-03-02 03:00+00', '1 hour', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.heat_balance('hand', '2026-03-02 03:00+00', '2026-03-02 00:00+00', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.balance_closure('nowhere', '2026-03-02 00:00+00', '2026-03-02 03:00+00', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 'pg_class')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00', '1 hour', 1::oid::regclass)$q$);
-- the default readings table is resolved at call time
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('hand', '2026-03-02 00:00+00', '2026-03-02 03:00+00')$q$);
-- a reading whose unit cannot serve its meter
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit) VALUES ('vol', 'f', '2026-03-02 00:02+00', 5, 'degC');
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('vol', '2026-03-02 00:00+00', '2026-03-02 02:00+00', '1 hour', 'public.plant60_readings')$q$);
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit) VALUES ('vol', 'f', '2026-03-02 00:03+00', 5, 'furlongs');
DELETE FROM public.plant60_readings WHERE facility_id = 'vol' AND unit = 'degC';
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('vol', '2026-03-02 00:00+00', '2026-03-02 02:00+00', '1 hour', 'public.plant60_readings')$q$);
-- a fuel mass flow without a fuel, and mixed heating-value bases
INSERT INTO thermaliq.facilities (facility_id) VALUES ('nofuel'), ('mixed');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, unit, fuel_id, heating_value_basis) VALUES
	('nofuel', 'f', 'fuel_input', 'kg/h', NULL, 'hhv'),
	('mixed', 'a', 'fuel_input', 'kW', NULL, 'hhv'), ('mixed', 'b', 'fuel_input', 'kW', NULL, 'lhv');
INSERT INTO public.plant60_readings (facility_id, meter_id, "timestamp", value, unit) VALUES
	('nofuel', 'f', '2026-03-02 00:10+00', 5, 'kg/h');
SELECT pg_temp.err($q$SELECT * FROM thermaliq.efficiency_series('nofuel', '2026-03-02 00:00+00', '2026-03-02 02:00+00', '1 hour', 'public.plant60_readings')$q$);
SELECT pg_temp.err($q$SELECT * FROM thermaliq.heat_balance('mixed', '2026-03-02 00:00+00', '2026-03-02 02:00+00', 'public.plant60_readings')$q$);

-- clean up for later tests
DELETE FROM thermaliq.facilities WHERE facility_id IN ('cond', 'back', 'hand', 'mass', 'vol', 'kgc', 'empty', 'closure', 'a<b & "c"', 'nofuel', 'mixed');
DELETE FROM thermaliq.fuels WHERE fuel_id = 'test60_fuel';
SET client_min_messages = warning;
DROP TABLE public.plant60_readings CASCADE;
DELETE FROM partman.part_config WHERE parent_table = 'public.plant60_readings';
RESET client_min_messages;
