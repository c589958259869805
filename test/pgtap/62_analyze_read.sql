-- pgTAP: analyze() takes its data from one read (analyze_read) with the
-- plant functions' rules: counters at 15 +- 3 min, a one-hour gap of one
-- meter, NaN readings and readings in another unit than the meter's,
-- fuel-weighted flue-gas conditions, the readings digest, the row buffers
-- a backend keeps between reads.
BEGIN;
SELECT plan(28);

CREATE TABLE public.ar62_readings (facility_id text NOT NULL, meter_id text NOT NULL,
	"timestamp" timestamptz NOT NULL, value float8, unit text NOT NULL, quality smallint NOT NULL DEFAULT 0);
SET LOCAL timezone = 'UTC';

-- Two jsonb documents equal up to a relative 1e-12 in every number (unit
-- conversions such as degF -> degC are not exact in binary)
CREATE FUNCTION pg_temp.close(a jsonb, b jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	k text;
BEGIN
	IF jsonb_typeof(a) IS DISTINCT FROM jsonb_typeof(b) THEN
		RETURN false;
	ELSIF jsonb_typeof(a) = 'number' THEN
		RETURN abs((a #>> '{}')::float8 - (b #>> '{}')::float8)
			<= 1e-12 * greatest(abs((b #>> '{}')::float8), 1e-300);
	ELSIF jsonb_typeof(a) = 'object' THEN
		IF (SELECT array_agg(x ORDER BY x) FROM jsonb_object_keys(a) x)
			IS DISTINCT FROM (SELECT array_agg(x ORDER BY x) FROM jsonb_object_keys(b) x) THEN
			RETURN false;
		END IF;
		FOR k IN SELECT jsonb_object_keys(a) LOOP
			IF NOT pg_temp.close(a -> k, b -> k) THEN
				RETURN false;
			END IF;
		END LOOP;
		RETURN true;
	ELSIF jsonb_typeof(a) = 'array' THEN
		RETURN jsonb_array_length(a) = jsonb_array_length(b) AND coalesce((SELECT bool_and(pg_temp.close(a -> i, b -> i))
			FROM generate_series(0, jsonb_array_length(a) - 1) i), true);
	END IF;
	RETURN a = b;
END $$;

SELECT has_function('thermaliq', 'analyze_read', ARRAY['text', 'timestamp with time zone', 'timestamp with time zone',
	'jsonb', 'regclass'], 'analyze_read(text, timestamptz, timestamptz, jsonb, regclass)');
SELECT is((SELECT provolatile::text || proisstrict::text || proparallel::text FROM pg_proc
	WHERE oid = 'thermaliq.analyze_read(text, timestamptz, timestamptz, jsonb, regclass)'::regprocedure),
	'sfalser', 'analyze_read is STABLE, CALLED ON NULL INPUT, PARALLEL RESTRICTED');

-- 1. Counters read at 15 +- 3 min (as in 61_coverage): 1000 kW of gas, 850
-- kW of heat, true efficiency 85 %, read k at 15 k min + ((k A + B) mod 361
-- - 180) s.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('cnt62');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('cnt62', 'gas', 'fuel_input', 'counter', 'kWh', 'natural_gas', 'lhv'),
	('cnt62', 'heat', 'heat_output', 'counter', 'MWh', NULL, NULL);
INSERT INTO public.ar62_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'cnt62', m.id, t.ts, m.r0 + m.p * extract(epoch FROM t.ts - '2026-05-01 00:00+00') / 3600, m.unit
FROM (VALUES ('gas', 7919, 11, 5000000.0::float8, 1000.0::float8, 'kWh'),
		('heat', 104729, 17, 1234.5, 0.85, 'MWh')) m(id, a, b, r0, p, unit),
	generate_series(-2, 24 * 4 + 2) k,
	LATERAL (SELECT '2026-05-01 00:00+00'::timestamptz + k * interval '15 minutes'
		+ (((k * m.a + m.b) % 361 + 361) % 361 - 180) * interval '1 second' AS ts) t;
SELECT ok((SELECT abs((thermaliq.analyze('cnt62', '2026-05-01 00:00+00', '2026-05-02 00:00+00', '{}', 'public.ar62_readings')
	#>> '{first_law,input_output_efficiency_pct}')::float8 / 85 - 1) < 1e-9),
	'analyze: counters at 15 +- 3 min give the true 85 % to 1e-9');

-- 2. A day with a one-hour gap of the heat meter: fuel 1000 kW, heat 900 kW
-- every 5 minutes, none strictly between 10:00 and 11:00. analyze gives the
-- 23-hour efficiency 90 % (1.0: 86.25 %) and its data quality names the
-- meter and the hour it misses.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('gap62');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('gap62', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('gap62', 'heat', 'hot_water_output', 'rate', 'kW', NULL, NULL);
INSERT INTO public.ar62_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'gap62', m, t, v, 'kW'
FROM generate_series('2026-05-01 00:00+00'::timestamptz, '2026-05-02 00:00+00', '5 minutes') t,
	(VALUES ('gas', 1000.0), ('heat', 900.0)) x(m, v)
WHERE NOT (m = 'heat' AND t > '2026-05-01 10:00+00' AND t < '2026-05-01 11:00+00');
CREATE TEMP TABLE g AS SELECT thermaliq.analyze('gap62', '2026-05-01 00:00+00', '2026-05-02 00:00+00', '{}',
	'public.ar62_readings') AS r;
SELECT ok((SELECT abs((r #>> '{first_law,input_output_efficiency_pct}')::float8 - 90) < 1e-9 FROM g),
	'one-hour gap: analyze gives the efficiency of the covered 23 hours (90 %)');
SELECT ok((SELECT abs((r #>> '{energy,fuel_input_kwh}')::float8 - 23000) < 1e-6
	AND abs((r #>> '{energy,coverage_pct}')::float8 - 100 * 23 / 24.0) < 1e-9 FROM g),
	'23000 kWh of fuel, coverage 23/24');
SELECT is((SELECT r #> '{data_quality,gap_meters}' FROM g),
	'[{"meter_id": "heat", "role": "hot_water_output", "uncovered_hours": 1, "uncovered_pct": 4.166666666666667}]'::jsonb,
	'data quality names the meter and the hour it misses (1 h = 4.1667 % of the day)');
SELECT is((SELECT r #> '{energy,gap_meters}' FROM g), '["heat"]'::jsonb, 'energy.gap_meters names it too');
-- the gap is also a data-quality gap: heat's median interval 300 s, the
-- 3600 s interval is longer than 2 x 300 s
SELECT is((SELECT (m ->> 'gap_count')::int || '/' || (m ->> 'gap_seconds') FROM g,
	jsonb_array_elements(r #> '{data_quality,meters}') m WHERE m ->> 'meter_id' = 'heat'), '1/3600',
	'heat: one gap of 3600 s');

-- 3. NaN readings and readings in another unit than the meter's do not
-- change the result. Facility "clean": gas 1000 kW, heat 850 kW, flue gas
-- 150 degC and 3 % O2 every 10 minutes over [00:00, 06:00]. Facility
-- "dirty": the same rows, plus a NaN row of every meter between samples,
-- with the gas rows written in MW (1000 kW = 1 MW exactly) and the flue-gas
-- rows in degF (150 degC = 302 degF). 1.0 failed on the NaN and read the
-- degF rows as degC (a 302 degC flue gas).
INSERT INTO thermaliq.facilities (facility_id) VALUES ('clean62'), ('dirty62');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
SELECT f, m, r, 'rate', u, fu, b
FROM (VALUES ('clean62'), ('dirty62')) ff(f),
	(VALUES ('gas', 'fuel_input', 'kW', 'natural_gas', 'lhv'), ('heat', 'steam_output', 'kW', NULL, NULL),
		('fgt', 'flue_gas_temperature', 'degC', NULL, NULL), ('o2', 'flue_gas_o2', '%', NULL, NULL)) mm(m, r, u, fu, b);
INSERT INTO public.ar62_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'clean62', m, t, v, u
FROM generate_series('2026-05-01 00:00+00'::timestamptz, '2026-05-01 06:00+00', '10 minutes') t,
	(VALUES ('gas', 1000.0, 'kW'), ('heat', 850.0, 'kW'), ('fgt', 150.0, 'degC'), ('o2', 3.0, '%')) x(m, v, u)
UNION ALL
SELECT 'dirty62', m, t, v, u
FROM generate_series('2026-05-01 00:00+00'::timestamptz, '2026-05-01 06:00+00', '10 minutes') t,
	(VALUES ('gas', 1.0, 'MW'), ('heat', 850.0, 'kW'), ('fgt', 302.0, 'degF'), ('o2', 3.0, '%')) x(m, v, u)
UNION ALL
SELECT 'dirty62', m, '2026-05-01 03:05+00', 'NaN', u
FROM (VALUES ('gas', 'kW'), ('heat', 'kW'), ('fgt', 'degC'), ('o2', '%')) x(m, u);
CREATE TEMP TABLE cd AS
SELECT thermaliq.analyze('clean62', '2026-05-01 00:00+00', '2026-05-01 06:00+00', '{}', 'public.ar62_readings') AS c,
	thermaliq.analyze('dirty62', '2026-05-01 00:00+00', '2026-05-01 06:00+00', '{}', 'public.ar62_readings') AS d;
SELECT is((SELECT (d -> 'energy') - 'meters'::text FROM cd), (SELECT (c -> 'energy') - 'meters'::text FROM cd),
	'NaN and MW rows: the same energies, exactly');
SELECT ok((SELECT pg_temp.close(d -> 'first_law', c -> 'first_law') FROM cd), 'the same first-law result (1e-12)');
SELECT ok((SELECT pg_temp.close(d #> '{heat_balance,rows}', c #> '{heat_balance,rows}') FROM cd), 'the same heat balance');
SELECT ok((SELECT abs((d #>> '{opportunities,0,flue_gas_temperature_c}')::float8 - 150) < 1e-9
	AND abs((c #>> '{opportunities,0,flue_gas_temperature_c}')::float8 - 150) < 1e-9 FROM cd),
	'degF rows are read as 150 degC (not 302)');
SELECT ok((SELECT pg_temp.close(d -> 'opportunities', c -> 'opportunities') FROM cd), 'the same opportunities');
SELECT ok((SELECT pg_temp.close(d -> 'uncertainty', c -> 'uncertainty') AND pg_temp.close(d -> 'second_law', c -> 'second_law')
	AND pg_temp.close(d -> 'benchmark', c -> 'benchmark') FROM cd), 'the same uncertainty, second law and benchmark');
SELECT is((SELECT (d #>> '{data_quality,non_finite_values}')::int FROM cd), 4, 'data quality counts the 4 NaN rows');
SELECT is((SELECT (d #>> '{data_quality,samples}')::int - (c #>> '{data_quality,samples}')::int FROM cd), 4,
	'as samples, not valid ones');
SELECT ok((SELECT d ->> 'provenance_hash' <> c ->> 'provenance_hash' FROM cd), 'the provenance hash sees the different rows');

-- 4. Flue-gas conditions weighted by fuel power, as heat_balance: gas 1000
-- kW over [00:00, 01:00] and 3000 kW over [01:00, 02:00] (10-min samples,
-- the step between 01:00 and 01:10 is linear), flue gas 100 degC then 200
-- degC with the same step. Weighted: int T P dt / int P dt; on [0,1] 100 x
-- 1000, [1, 7/6] linear both: T = 100 + 600 s, P = 1000 + 12000 s (s in h
-- from 01:00): int = 1/6 x (100 x 1000 + (100 x 12000 + 600 x 1000) / 2 x
-- (1/6) ... exactly: int_0^{1/6} (100 + 600 s)(1000 + 12000 s) ds =
-- 100000/6 + (1200000 + 600000) / 2 / 36 + 7200000 / 3 / 216 = 16666.667 +
-- 25000 + 11111.111 = 52777.778; P: 1000/6 + 12000 / 72 = 333.333;
-- [7/6, 2] 200 x 3000 x 5/6 = 500000, P 2500. Total T: 100000 + 52777.778
-- + 500000 = 652777.778 over 1000 + 333.333 + 2500 = 3833.333: 170.2899 degC
-- (the plain time mean would be 150 degC; 1.0's analyze reported that).
INSERT INTO thermaliq.facilities (facility_id) VALUES ('w62');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('w62', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('w62', 'heat', 'heat_output', 'rate', 'kW', NULL, NULL),
	('w62', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
	('w62', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL);
INSERT INTO public.ar62_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'w62', m, t, CASE WHEN t <= '2026-05-01 01:00+00' THEN lo ELSE hi END, u
FROM generate_series('2026-05-01 00:00+00'::timestamptz, '2026-05-01 02:00+00', '10 minutes') t,
	(VALUES ('gas', 1000.0, 3000.0, 'kW'), ('heat', 800.0, 2400.0, 'kW'), ('fgt', 100.0, 200.0, 'degC'),
		('o2', 3.0, 3.0, '%')) x(m, lo, hi, u);
SELECT ok((SELECT abs((thermaliq.analyze('w62', '2026-05-01 00:00+00', '2026-05-01 02:00+00', '{}', 'public.ar62_readings')
	#>> '{opportunities,0,flue_gas_temperature_c}')::float8 - (100000 + 100000.0 / 6 + 25000 + 200000.0 / 18 + 500000)
	/ (1000 + 1000.0 / 6 + 1000.0 / 6 + 2500)) < 1e-9), 'analyze uses the fuel-weighted flue-gas temperature, 170.29 degC');
SELECT ok((SELECT abs(thermaliq.analyze_mean('w62', 'flue_gas_temperature', 'K', '2026-05-01 00:00+00', '2026-05-01 02:00+00',
	'public.ar62_readings') - 273.15 - (100000 + 100000.0 / 6 + 25000 + 200000.0 / 18 + 500000)
	/ (1000 + 1000.0 / 6 + 1000.0 / 6 + 2500)) < 1e-9), 'analyze_mean gives the same, in the unit asked');
-- the heat-loss method of analyze is heat_balance's: the same losses (on
-- LHV, 1.1 shows the fuel water's latent heat as the input row
-- latent_heat_above_lhv and its uncondensed part among the losses: the net
-- loss is the loss rows less that input)
SELECT ok((SELECT abs((a #>> '{first_law,heat_loss_efficiency_pct}')::float8
	- (100 - 100 * (SELECT sum(CASE WHEN category = 'loss' THEN energy_kwh ELSE -energy_kwh END)
		FROM thermaliq.heat_balance('w62', '2026-05-01 00:00+00', '2026-05-01 02:00+00', 'public.ar62_readings')
		WHERE category = 'loss' OR (category = 'input' AND stream = 'latent_heat_above_lhv'))
		/ (a #>> '{energy,fuel_input_kwh}')::float8)) < 1e-9
	FROM (SELECT thermaliq.analyze('w62', '2026-05-01 00:00+00', '2026-05-01 02:00+00', '{}', 'public.ar62_readings') a) x),
	'heat-loss efficiency from heat_balance''s loss rows');

-- 5. The digest of the read is provenance_readings_digest's
SELECT is((SELECT thermaliq.analyze_read('w62', '2026-05-01 00:30+00', '2026-05-01 01:30+00', NULL, 'public.ar62_readings')
	->> 'readings_digest'), thermaliq.provenance_readings_digest('w62', '2026-05-01 00:30+00', '2026-05-01 01:30+00',
	'public.ar62_readings'), 'analyze_read''s digest = provenance_readings_digest');

-- 6. The read keeps its per-meter row buffers between calls (src/plant/
-- read.c, under thermaliq.log_cache): a read into buffers that held a
-- longer one (gap62: 289 and 278 rows, then clean62: 37 per meter) gives the
-- document of fresh buffers (log_cache = 0), and reads alive at the same
-- time (efficiency_series laterally, per facility, in one query) give what
-- each gives alone.
CREATE TEMP TABLE rb AS SELECT
	thermaliq.analyze_read('gap62', '2026-05-01 00:00+00', '2026-05-02 00:00+00', NULL, 'public.ar62_readings') AS g1,
	thermaliq.analyze_read('clean62', '2026-05-01 00:00+00', '2026-05-01 06:00+00', NULL, 'public.ar62_readings') AS c1;
SELECT ok((SELECT total_bytes > 0 FROM pg_backend_memory_contexts WHERE name = 'thermaliq read buffers'),
	'the backend keeps the read buffers (thermaliq read buffers)');
SET LOCAL thermaliq.log_cache = 0;
SELECT is(thermaliq.analyze_read('clean62', '2026-05-01 00:00+00', '2026-05-01 06:00+00', NULL, 'public.ar62_readings'),
	(SELECT c1 FROM rb), 'clean62 read into buffers that held gap62 = read into fresh ones');
SELECT is(thermaliq.analyze_read('gap62', '2026-05-01 00:00+00', '2026-05-02 00:00+00', NULL, 'public.ar62_readings'),
	(SELECT g1 FROM rb), 'gap62 the same');
RESET thermaliq.log_cache;
SELECT is((SELECT string_agg(v.f || ':' || s::text, ';' ORDER BY v.f || ':' || s::text)
	FROM (VALUES ('gap62'), ('clean62'), ('w62')) v(f),
	LATERAL thermaliq.efficiency_series(v.f, '2026-05-01 00:00+00', '2026-05-01 06:00+00', '1 hour', 'public.ar62_readings') s),
	(SELECT string_agg(x, ';' ORDER BY x) FROM (
		SELECT 'gap62:' || s::text AS x FROM thermaliq.efficiency_series('gap62', '2026-05-01 00:00+00',
			'2026-05-01 06:00+00', '1 hour', 'public.ar62_readings') s
		UNION ALL SELECT 'clean62:' || s::text FROM thermaliq.efficiency_series('clean62', '2026-05-01 00:00+00',
			'2026-05-01 06:00+00', '1 hour', 'public.ar62_readings') s
		UNION ALL SELECT 'w62:' || s::text FROM thermaliq.efficiency_series('w62', '2026-05-01 00:00+00',
			'2026-05-01 06:00+00', '1 hour', 'public.ar62_readings') s) y),
	'efficiency_series of three facilities in one query = each alone');

-- 7. The readings digest, encoding thermaliq-provenance-v2 (src/plant/
-- digest.c), recomputed here from the rows with SQL's own binary send
-- functions and sha256: per meter the rows of [from, to] (both ends) and
-- the nearest rows before and after it, any and usable, inside the read
-- window [from - 30 min, to + 30 min); per (meter, UTC day) the records
-- int8 us | tag (1 NULL, 2 unit follows) | float8 bits unless NULL | int2
-- quality | uint16 length and bytes of the unit where it changes; the top
-- hash over json(meter_id)|day|hex lines. The rows cross midnight and hold
-- a NULL, a NaN, bad and stale rows at the edges (the nearest usable row is
-- an earlier one), equal timestamps with other values and units, a unit
-- change, an unregistered meter and rows outside the window. By hand: the
-- period holds k = 6..30 (25 rows a meter) and the 4 extra gas rows at
-- 23:50; the window [21:30, 02:30) adds per meter the bad 21:50 row (the
-- nearest before), the usable 21:40 row (the nearest usable before) and
-- 02:10 (nearest after, usable): 29 + 3 + 25 + 3 = 60 rows, each meter on
-- both UTC days: 4 chunks.
INSERT INTO thermaliq.facilities (facility_id) VALUES ('dig62');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('dig62', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('dig62', 'steam-"main"', 'steam_output', 'rate', 'kW', NULL, NULL);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('dig62', '30 minutes');
INSERT INTO public.ar62_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'dig62', m, '2026-05-01 21:00+00'::timestamptz + k * interval '10 minutes',
	CASE WHEN m = 'gas' AND k = 20 THEN NULL WHEN m = 'gas' AND k = 22 THEN 'NaN'
		ELSE 1000 + k / 3.0 + length(m) END,
	CASE WHEN m = 'steam-"main"' AND k BETWEEN 15 AND 18 THEN 'MW' ELSE 'kW' END,
	CASE WHEN k IN (5, 29) THEN 2 WHEN k = 6 THEN 3 WHEN k = 10 THEN 1 ELSE 0 END
FROM generate_series(0, 36) k, (VALUES ('gas'), ('steam-"main"'), ('unregistered')) x(m);
-- equal timestamps: another value, another unit, the same row twice
INSERT INTO public.ar62_readings (facility_id, meter_id, "timestamp", value, unit, quality) VALUES
	('dig62', 'gas', '2026-05-01 23:50+00', 7.5, 'kW', 0),
	('dig62', 'gas', '2026-05-01 23:50+00', 7.5, 'MW', 0),
	('dig62', 'gas', '2026-05-01 23:50+00', 7.5, 'MW', 0),
	('dig62', 'gas', '2026-05-01 23:50+00', NULL, 'kW', 1);
CREATE TEMP TABLE dig62 AS
WITH r AS (
	SELECT meter_id, "timestamp" AS ts, value, unit, quality,
		value IS NOT NULL AND value NOT IN ('NaN', 'Infinity', '-Infinity') AND quality <= 1 AS usable
	FROM public.ar62_readings
	WHERE facility_id = 'dig62' AND meter_id IN ('gas', 'steam-"main"')
	  AND "timestamp" >= timestamptz '2026-05-01 22:00+00' - interval '30 minutes'
	  AND "timestamp" < timestamptz '2026-05-02 02:00+00' + interval '30 minutes'),
e AS (
	SELECT meter_id,
		max(ts) FILTER (WHERE ts < '2026-05-01 22:00+00') AS b_any,
		max(ts) FILTER (WHERE ts < '2026-05-01 22:00+00' AND usable) AS b_good,
		min(ts) FILTER (WHERE ts > '2026-05-02 02:00+00') AS a_any,
		min(ts) FILTER (WHERE ts > '2026-05-02 02:00+00' AND usable) AS a_good
	FROM r GROUP BY meter_id),
t AS (
	SELECT r.*, (extract(epoch FROM r.ts) * 1000000)::bigint AS us
	FROM r JOIN e USING (meter_id)
	WHERE r.ts BETWEEN '2026-05-01 22:00+00' AND '2026-05-02 02:00+00'
	   OR r.ts IN (e.b_any, e.b_good, e.a_any, e.a_good)),
o AS (
	SELECT t.*, floor(us / 86400000000.0)::bigint AS day,
		row_number() OVER (ORDER BY meter_id COLLATE "C", us, value, quality, unit COLLATE "C") AS ord
	FROM t),
c AS (
	SELECT o.*, unit IS DISTINCT FROM lag(unit) OVER (PARTITION BY meter_id, day ORDER BY ord) AS unit_follows
	FROM o),
rec AS (
	SELECT meter_id, day, ord, int8send(us)
		|| substring(int4send((value IS NULL)::int + 2 * unit_follows::int) FROM 4 FOR 1)
		|| CASE WHEN value IS NULL THEN ''::bytea ELSE float8send(value) END
		|| int2send(quality)
		|| CASE WHEN unit_follows THEN substring(int4send(octet_length(unit)) FROM 3 FOR 2)
			|| convert_to(unit, 'UTF8') ELSE ''::bytea END AS b
	FROM c),
ch AS (
	SELECT meter_id, day, encode(sha256(string_agg(b, ''::bytea ORDER BY ord)), 'hex') AS h, count(*) AS n
	FROM rec GROUP BY meter_id, day)
SELECT encode(sha256(convert_to(string_agg(to_json(meter_id)::text || '|' || day || '|' || h, E'\n'
		ORDER BY meter_id COLLATE "C", day), 'UTF8')), 'hex') AS digest,
	sum(n) AS rows_taken, count(*) AS chunks
FROM ch;
SELECT is((SELECT rows_taken::text || ' rows, ' || chunks || ' chunks' FROM dig62), '60 rows, 4 chunks',
	'digest oracle: 60 rows taken, 2 meters x 2 UTC days');
SELECT is(thermaliq.provenance_readings_digest('dig62', '2026-05-01 22:00+00', '2026-05-02 02:00+00',
	'public.ar62_readings'), (SELECT digest FROM dig62),
	'provenance_readings_digest = the v2 encoding recomputed in SQL (int8send, float8send, sha256)');
SELECT is((SELECT thermaliq.analyze_read('dig62', '2026-05-01 22:00+00', '2026-05-02 02:00+00', NULL,
	'public.ar62_readings') ->> 'readings_digest'), (SELECT digest FROM dig62), 'analyze_read''s digest the same');

SELECT * FROM finish();
ROLLBACK;
