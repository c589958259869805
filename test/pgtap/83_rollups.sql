-- pgTAP: scheduled rollups (API.md section 7, issue 12): create_rollup,
-- refresh_rollup, drop_rollup, the history/tail split at the horizon, the
-- energies of every meter and bucket, rollup() of the rows against the
-- direct aggregates, the plan of the refresh, tenancy and every input error.
-- This database has no pg_cron (test/t/083_rollup_cron.pl has it).
--
-- D = the day three days before the horizon H (UTC), H = the start of
-- today (UTC) or, in the first hour of a day, of yesterday (the horizon is
-- the day that holds now() - settle, 1 hour). Hand-computed data, hourly buckets:
--   r1.gas   fuel_input, rate, registry unit kW, natural gas LHV: 100 kW
--            every 10 minutes D 00:00 .. 02:00, the rows before 01:00 written
--            in MW (0.1): hours 00 and 01 100 kWh each, hour 02 only the
--            02:00 sample: 0 kWh; a quality-2 row of 1e6 kW at 00:05 counts
--            nowhere. Today H 00:00 .. 00:30: 100 kW: tail hour H 50 kWh.
--   r1.steam heat_output kW: 50 kW 00:00 .. 00:30, nothing until 01:00 (a
--            30-minute gap > max_gap 15 min), 60 kW 01:00 .. 02:00:
--            hour 00 50 x 0.5 = 25 kWh, hour 01 60 kWh, hour 02 0 kWh.
--   r1.fgt   flue_gas_temperature degC 180 every 10 minutes 00:00 .. 01:00: no energy.
--   r2.el    electric_input counter kWh: D 00:00 1000, 02:00 1040, 03:00
--            1050, 03:30 1049.9 (a step-back within 1 %: no consumption),
--            04:00 1060, H-1h 1080, H+1h 1100: hour 00 20, hour 01 20 (no
--            read in it), hour 02 10, hour 03 0 + 10, hour 04 20/67 (the
--            interval 04:00 .. H-1h spread over 67 hours), ..., hour H-1h 10
--            (half of 1080 -> 1100), tail hours H 10 and H+1h 0 (the read
--            at H+1h); in all 1100 - 1000 = 100 in 72 + 2 rows.
--   m1..m3   a month [D - 30 days, D) of 10-minute samples: mg fuel_input kW
--            100 + 10 (k mod 7), me electric_input counter 5 k kWh (k = 0 ..
--            4319): me gives 5 x 4319 = 21595 kWh, 30 kWh in every full hour.
BEGIN;
SELECT plan(63);
SET LOCAL client_min_messages = warning;

SELECT thermaliq.create_readings_table('public.tq83_readings', '1 month', 2,
	p_start_partition => date_trunc('month', now()) - interval '2 months');
-- the horizon: the day that holds now() - settle (1 hour by default)
CREATE TEMP TABLE tq83_t AS SELECT h - interval '3 days' AS d, h
FROM (SELECT thermaliq.time_bucket('1 day', now() - interval '1 hour') AS h) x;
INSERT INTO thermaliq.facilities (facility_id) VALUES ('r1'), ('r2'), ('m1'), ('m2'), ('m3');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('r1', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('r1', 'steam', 'heat_output', 'rate', 'kW', NULL, NULL),
	('r1', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
	('r2', 'el', 'electric_input', 'counter', 'kWh', NULL, NULL),
	('m1', 'mg', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'), ('m1', 'me', 'electric_input', 'counter', 'kWh', NULL, NULL),
	('m2', 'mg', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'), ('m2', 'me', 'electric_input', 'counter', 'kWh', NULL, NULL),
	('m3', 'mg', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'), ('m3', 'me', 'electric_input', 'counter', 'kWh', NULL, NULL);
INSERT INTO public.tq83_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'r1', 'gas', d + k * interval '10 minutes', CASE WHEN k < 6 THEN 0.1 ELSE 100 END,
	CASE WHEN k < 6 THEN 'MW' ELSE 'kW' END, 0 FROM tq83_t, generate_series(0, 12) k
UNION ALL SELECT 'r1', 'gas', d + interval '5 minutes', 1e6, 'kW', 2 FROM tq83_t
UNION ALL SELECT 'r1', 'gas', h + k * interval '10 minutes', 100, 'kW', 0 FROM tq83_t, generate_series(0, 3) k
UNION ALL SELECT 'r1', 'steam', d + k * interval '10 minutes', 50, 'kW', 0 FROM tq83_t, generate_series(0, 3) k
UNION ALL SELECT 'r1', 'steam', d + interval '1 hour' + k * interval '10 minutes', 60, 'kW', 0 FROM tq83_t, generate_series(0, 6) k
UNION ALL SELECT 'r1', 'fgt', d + k * interval '10 minutes', 180, 'degC', 0 FROM tq83_t, generate_series(0, 6) k
UNION ALL SELECT 'r2', 'el', t, v, 'kWh', 0 FROM tq83_t, LATERAL (VALUES (d, 1000), (d + interval '2 hours', 1040),
	(d + interval '3 hours', 1050), (d + interval '3.5 hours', 1049.9), (d + interval '4 hours', 1060),
	(h - interval '1 hour', 1080), (h + interval '1 hour', 1100)) x(t, v)
UNION ALL SELECT f, m, d - interval '30 days' + k * interval '10 minutes',
	CASE m WHEN 'mg' THEN 100 + 10 * (k % 7) ELSE 5 * k END, CASE m WHEN 'mg' THEN 'kW' ELSE 'kWh' END, 0
FROM tq83_t, unnest(ARRAY['m1', 'm2', 'm3']) f, unnest(ARRAY['mg', 'me']) m, generate_series(0, 4319) k;
ANALYZE public.tq83_readings;

-- ------------------------------------------------------------- create
SELECT lives_ok($$SELECT thermaliq.create_rollup('public.tq83_h', '1 hour', 'public.tq83_readings')$$,
	'create_rollup makes a rollup (no pg_cron here: a notice, no job)');
SELECT is((SELECT relkind::text FROM pg_class WHERE oid = 'public.tq83_h'::regclass), 'm', 'public.tq83_h is a materialized view');
SELECT is((SELECT string_agg(attname || ':' || format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute
	WHERE attrelid = 'public.tq83_h'::regclass AND attnum > 0),
	'facility_id:text,meter_id:text,bucket_start:timestamp with time zone,tw:thermaliq.tw_summary,ms:thermaliq.meter_summary,energy_kwh:double precision',
	'its columns as API.md section 7 names them');
SELECT ok((SELECT indisunique FROM pg_index WHERE indexrelid = 'public.tq83_h_key'::regclass)
	AND (SELECT pg_get_indexdef('public.tq83_h_key'::regclass)) LIKE '%(facility_id, meter_id, bucket_start)',
	'a unique index on (facility_id, meter_id, bucket_start)');
SELECT is((SELECT format('%s|%s|%s|%s|%s', view_name, bucket, readings, schedule, coalesce(job_name, 'no job'))
	FROM thermaliq.rollups WHERE rollup_name = 'public.tq83_h'),
	'public.tq83_h_v|01:00:00|public.tq83_readings|*/15 * * * *|no job', 'the registry row: view, bucket, readings, schedule, no job without pg_cron');
SELECT is((SELECT horizon FROM thermaliq.rollups WHERE rollup_name = 'public.tq83_h'), (SELECT h FROM tq83_t),
	'the horizon is the start of today (UTC)');
SELECT ok((SELECT reloptions::text FROM pg_class WHERE oid = 'public.tq83_h_v'::regclass) LIKE '%security_barrier=true%',
	'the view is a security barrier');

-- ------------------------------------------------------------- rows
-- history: r1 8 (gas 3, steam 3, fgt 2), r2 72 (every hour of [D, H): the
-- counter's intervals cover all of them), m1..m3 2 x 720
SELECT is((SELECT count(*) FROM public.tq83_h), 4400::bigint, 'rows of the history: 8 + 72 + 4320');
SELECT is((SELECT string_agg(facility_id || '.' || meter_id || ':' || n, ',' ORDER BY facility_id, meter_id)
	FROM (SELECT facility_id, meter_id, count(*) n FROM public.tq83_h GROUP BY 1, 2) x),
	'm1.me:720,m1.mg:720,m2.me:720,m2.mg:720,m3.me:720,m3.mg:720,r1.fgt:2,r1.gas:3,r1.steam:3,r2.el:72', 'rows per meter');
SELECT is((SELECT count(*) FROM public.tq83_h_v), 4403::bigint,
	'the view adds three tail rows: gas in hour H, el in hours H and H+1h (the read at H+1h, 0 kWh)');
SELECT is((SELECT count(*) FROM public.tq83_h WHERE bucket_start >= (SELECT h FROM tq83_t)), 0::bigint,
	'the materialized view holds nothing from the horizon on');

-- hand-computed energies of r1 and r2
SELECT is((SELECT string_agg(meter_id || '@' || extract(hour FROM bucket_start - (SELECT d FROM tq83_t)) || ':' || coalesce(round(energy_kwh::numeric, 9)::text, 'NULL'), ','
	ORDER BY meter_id, bucket_start) FROM public.tq83_h WHERE facility_id = 'r1'),
	'fgt@0:NULL,fgt@1:NULL,gas@0:100.000000000,gas@1:100.000000000,gas@2:0.000000000,steam@0:25.000000000,steam@1:60.000000000,steam@2:0.000000000',
	'r1: gas 100, 100, 0 (MW rows converted, quality 2 ignored); steam 25 (gap), 60, 0; temperature: no energy');
SELECT is((SELECT string_agg(round(energy_kwh::numeric, 9)::text, ',' ORDER BY bucket_start) FROM public.tq83_h
	WHERE facility_id = 'r2' AND bucket_start < (SELECT d + interval '5 hours' FROM tq83_t)),
	'20.000000000,20.000000000,10.000000000,10.000000000,' || round(20.0 / 67, 9), 'r2: 20, 20 (no read in the hour), 10, 10 (step-back), 20/67');
SELECT is((SELECT round(energy_kwh::numeric, 9) FROM public.tq83_h WHERE facility_id = 'r2'
	AND bucket_start = (SELECT h - interval '1 hour' FROM tq83_t)), 10.000000000,
	'r2 hour H-1h: half of 1080 -> 1100 (the interval across the horizon)');
SELECT is((SELECT string_agg(meter_id || '@' || extract(hour FROM bucket_start - (SELECT h FROM tq83_t)) || ':' || round(energy_kwh::numeric, 9), ','
	ORDER BY meter_id, bucket_start) FROM public.tq83_h_v
	WHERE bucket_start >= (SELECT h FROM tq83_t)), 'el@0:10.000000000,el@1:0.000000000,gas@0:50.000000000',
	'the live tail: el 10 (the other half), gas 50');
SELECT is((SELECT round(sum(energy_kwh)::numeric, 9) FROM public.tq83_h_v WHERE facility_id = 'r2'), 100.000000000,
	'r2 in all: 1100 - 1000 = 100 kWh, split at the horizon without loss');
SELECT is((SELECT string_agg(round(energy_kwh::numeric, 6)::text, ',') FROM (SELECT DISTINCT energy_kwh FROM public.tq83_h
	WHERE facility_id = 'm1' AND meter_id = 'me' AND bucket_start < (SELECT d - interval '1 hour' FROM tq83_t)) x),
	'30.000000', 'm1.me: 30 kWh in every hour');
SELECT is((SELECT round(sum(energy_kwh)::numeric, 6) FROM public.tq83_h WHERE facility_id = 'm2' AND meter_id = 'me'),
	21595.000000, 'm2.me over the month: 5 x 4319 = 21595 kWh');

-- every energy meter and bucket against an independent reference: the
-- segments between consecutive usable samples (rates: not longer than
-- max_gap, linear; counters: any length, the increment over the register
-- = the highest reading so far, spread linearly), clipped to each bucket
CREATE TEMP TABLE tq83_ref AS
WITH p AS (
	SELECT r.facility_id, r.meter_id, m.kind, r."timestamp" AS t, thermaliq.convert(r.value, r.unit, m.unit) AS v
	FROM public.tq83_readings r JOIN thermaliq.meters m USING (facility_id, meter_id)
	WHERE r.quality < 2 AND m.role IN ('fuel_input', 'electric_input', 'heat_output')),
seg AS (
	SELECT facility_id, meter_id, kind, t AS t1, v AS v1,
		lead(t) OVER w AS t2, lead(v) OVER w AS v2, max(v) OVER (w ROWS UNBOUNDED PRECEDING) AS reg
	FROM p WINDOW w AS (PARTITION BY facility_id, meter_id ORDER BY t)),
cut AS (
	SELECT s.*, b.b, greatest(s.t1, b.b) AS a, least(s.t2, b.b + interval '1 hour') AS e
	FROM seg s, LATERAL generate_series(thermaliq.time_bucket('1 hour', s.t1), s.t2 - interval '1 microsecond', '1 hour') b(b)
	WHERE s.t2 IS NOT NULL AND (s.kind = 'counter' OR s.t2 - s.t1 <= interval '15 minutes'))
SELECT facility_id, meter_id, b AS bucket_start, sum(CASE WHEN kind = 'counter'
	THEN greatest(v2 - reg, 0) * extract(epoch FROM e - a) / extract(epoch FROM t2 - t1)
	ELSE (2 * v1 + (v2 - v1) * (extract(epoch FROM a - t1) + extract(epoch FROM e - t1)) / extract(epoch FROM t2 - t1)) / 2
		* extract(epoch FROM e - a) / 3600 END) AS kwh
FROM cut WHERE e > a GROUP BY 1, 2, 3;
SELECT is((SELECT count(*) FROM tq83_ref), 4398::bigint,
	'the reference has 4398 buckets with covered time (r1 gas 2 + tail 1, steam 2, r2 72 + tail 1, m 6 x 720)');
SELECT is((SELECT count(*) FROM (SELECT * FROM public.tq83_h_v WHERE energy_kwh IS NOT NULL) v
	FULL JOIN tq83_ref r USING (facility_id, meter_id, bucket_start)
	WHERE abs(coalesce(v.energy_kwh, 0) - coalesce(r.kwh, 0)) > 1e-9 * greatest(1, abs(r.kwh))), 0::bigint,
	'energy_kwh equals the reference for every energy meter and bucket (within 1e-9 kWh)');
SELECT is((SELECT count(*) FROM tq83_ref r LEFT JOIN public.tq83_h_v v USING (facility_id, meter_id, bucket_start)
	WHERE v.facility_id IS NULL), 0::bigint, 'and no bucket of the reference is missing from the rollup');
SELECT is((SELECT count(*) FROM public.tq83_h_v v JOIN thermaliq.meters m USING (facility_id, meter_id)
	WHERE (m.role IN ('fuel_input', 'electric_input', 'heat_output')) <> (v.energy_kwh IS NOT NULL)), 0::bigint,
	'energy_kwh is a number for every energy meter''s row and NULL for the others');

-- the same energies as the plant functions
SELECT is((SELECT count(*) || ':' || count(*) FILTER (WHERE abs(es.electric_input_kwh - coalesce(v.energy_kwh, 0)) > 1e-9)
	FROM thermaliq.efficiency_series('r2', (SELECT d FROM tq83_t), (SELECT h + interval '2 hours' FROM tq83_t), '1 hour',
	'public.tq83_readings') es LEFT JOIN public.tq83_h_v v ON v.facility_id = 'r2' AND v.bucket_start = es.bucket_start),
	'74:0', 'r2 (one energy meter): each of its 74 hours, history and tail, equals efficiency_series'' electric_input_kwh');
SELECT is((SELECT count(*) FROM unnest(ARRAY['m1', 'm2', 'm3']) f,
	LATERAL thermaliq.heat_balance(f, (SELECT d - interval '30 days' FROM tq83_t), (SELECT d FROM tq83_t), 'public.tq83_readings') hb
	WHERE hb.category = 'input' AND abs(hb.energy_kwh - (SELECT sum(energy_kwh) FROM public.tq83_h v
		WHERE v.facility_id = f AND v.meter_id = hb.stream)) > 1e-9 * hb.energy_kwh), 0::bigint,
	'm1..m3: each meter''s month of hours adds up to its heat_balance input row');

-- rollup() of the rows equals the direct aggregates over the same raw rows
SELECT is((SELECT count(*) FROM (
	SELECT v.facility_id, v.meter_id, thermaliq.time_bucket('1 day', v.bucket_start) AS day, thermaliq.rollup(v.tw) AS tw
	FROM public.tq83_h v WHERE v.meter_id = 'mg' GROUP BY 1, 2, 3) x
	JOIN (SELECT facility_id, meter_id, thermaliq.time_bucket('1 day', "timestamp") AS day,
		thermaliq.time_weight("timestamp", value, 'linear', '15 minutes') AS tw
		FROM public.tq83_readings WHERE meter_id = 'mg' GROUP BY 1, 2, 3) y USING (facility_id, meter_id, day)
	WHERE abs(thermaliq.integral(x.tw) - thermaliq.integral(y.tw)) <= 1e-12 * abs(thermaliq.integral(y.tw))
	  AND thermaliq.coverage(x.tw) = thermaliq.coverage(y.tw) AND thermaliq.sample_count(x.tw) = thermaliq.sample_count(y.tw)),
	90::bigint, 'days: rollup(tw) of 24 hours = time_weight of the day''s rows (integral to 1e-12, coverage, samples), all 3 x 30 days');
SELECT is((SELECT count(*) FROM (SELECT facility_id, thermaliq.rollup(tw) AS tw FROM public.tq83_h WHERE meter_id = 'mg' GROUP BY 1) x
	JOIN (SELECT facility_id, thermaliq.time_weight("timestamp", value, 'linear', '15 minutes') AS tw
		FROM public.tq83_readings WHERE meter_id = 'mg' GROUP BY 1) y USING (facility_id)
	WHERE abs(thermaliq.integral(x.tw) - thermaliq.integral(y.tw)) <= 1e-12 * abs(thermaliq.integral(y.tw))
	  AND thermaliq.gap_count(x.tw) = thermaliq.gap_count(y.tw) AND thermaliq.average(x.tw) IS NOT NULL), 3::bigint,
	'the month: rollup(tw) of 720 hours = time_weight of the month''s rows, to 1e-12, for each facility');
SELECT is((SELECT count(*) FROM (SELECT facility_id, thermaliq.delta(thermaliq.rollup(ms)) AS d FROM public.tq83_h WHERE meter_id = 'me' GROUP BY 1) x
	JOIN (SELECT facility_id, thermaliq.delta(thermaliq.meter_agg("timestamp", value)) AS d
		FROM public.tq83_readings WHERE meter_id = 'me' GROUP BY 1) y USING (facility_id) WHERE x.d = y.d AND x.d = 21595), 3::bigint,
	'the month: delta(rollup(ms)) = delta(meter_agg) of the raw rows = 21595, exactly');
SELECT is((SELECT thermaliq.delta(thermaliq.rollup(ms)) FROM public.tq83_h_v WHERE facility_id = 'r2'), 100::float8,
	'r2 through the view: delta(rollup(ms)) = 100 (the step-back not counted), history and tail together');
SELECT is((SELECT round(thermaliq.integral(thermaliq.rollup(tw))::numeric, 9) || '/' || thermaliq.gap_count(thermaliq.rollup(tw))
	FROM public.tq83_h WHERE facility_id = 'r1' AND meter_id = 'steam'), '85.000000000/1',
	'r1.steam: rollup() = 25 + 60 kWh and the 30-minute gap across 00:30 .. 01:00 counted once');
SELECT is((SELECT round(thermaliq.average(tw)::numeric, 9) FROM public.tq83_h WHERE facility_id = 'r1' AND meter_id = 'fgt'
	AND bucket_start = (SELECT d FROM tq83_t)), 180.000000000, 'r1.fgt: its summary (average 180 degC), no energy');

-- ------------------------------------------------------------- the plan
-- the refresh's query at the default work_mem: no sort, no hash batches,
-- no temporary file (one plain aggregate per meter and bucket)
CREATE FUNCTION pg_temp.plan83(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v_line text; v_out text := '';
BEGIN
	SET LOCAL work_mem = '4MB';
	FOR v_line IN EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ' || p_sql LOOP
		v_out := v_out || v_line || E'\n';
	END LOOP;
	RETURN v_out;
END $$;
CREATE TEMP TABLE tq83_plan AS SELECT pg_temp.plan83(thermaliq.rollup_query('public.tq83_h', '1 hour', 'public.tq83_readings', false)) AS p;
SELECT ok((SELECT p !~* '(-> +(Incremental )?Sort |Sort Method|Disk|external|temp (read|written)|Batches: [2-9])' FROM tq83_plan),
	'the refresh plan has no sort, no hash batches and writes no temporary file at work_mem 4MB');
SELECT ok((SELECT p ~ 'Aggregate' AND p ~ 'Function Scan on generate_series' AND p ~ 'Function Scan on rollup_energy'
	AND p ~ 'Index' AND p ~ 'rows=4400' FROM tq83_plan),
	'its shape: an aggregate per bucket from an index, bucket series and energies per meter, 4400 rows');
SELECT lives_ok('REFRESH MATERIALIZED VIEW CONCURRENTLY public.tq83_h', 'the unique index lets it refresh CONCURRENTLY');

-- ------------------------------------------------------------- refresh
-- a late reading in the history: steam 50 kW at D 00:40 adds 00:30 .. 00:40
-- (10 minutes, 50/6 kWh); 00:40 .. 01:00 is still a 20-minute gap
INSERT INTO public.tq83_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT 'r1', 'steam', d + interval '40 minutes', 50, 'kW' FROM tq83_t;
SELECT is(thermaliq.refresh_rollup('public.tq83_h'), false, 'refresh_rollup: the horizon did not move, nothing to do');
SELECT is((SELECT round(energy_kwh::numeric, 9) FROM public.tq83_h WHERE facility_id = 'r1' AND meter_id = 'steam'
	AND bucket_start = (SELECT d FROM tq83_t)), 25.000000000, 'so the late reading is not in the history yet');
SELECT is(thermaliq.refresh_rollup('tq83_h', p_full => true), true, 'p_full refreshes (the name without schema works too)');
SELECT is((SELECT round(energy_kwh::numeric, 9) FROM public.tq83_h WHERE facility_id = 'r1' AND meter_id = 'steam'
	AND bucket_start = (SELECT d FROM tq83_t)), round(25 + 50.0 / 6, 9), 'now it is: 25 + 50/6 kWh');
-- a day passes: the horizon moves back to today and the history takes yesterday's buckets
UPDATE thermaliq.rollups SET horizon = horizon - interval '1 day' WHERE rollup_name = 'public.tq83_h';
SELECT is((SELECT count(*) || ':' || count(DISTINCT bucket_start) || ':' || round(sum(energy_kwh)::numeric, 9)
	FROM public.tq83_h_v WHERE facility_id = 'r2'), '74:74:100.000000000',
	'with the horizon a day back the view still has each of r2''s 74 hours once and its 100 kWh (the 67-hour interval split at the horizon)');
SELECT is(thermaliq.refresh_rollup('public.tq83_h'), true, 'the job''s call refreshes when the horizon moves');
SELECT is((SELECT horizon FROM thermaliq.rollups WHERE rollup_name = 'public.tq83_h'), (SELECT h FROM tq83_t), 'to the start of today');

-- ------------------------------------------------------------- errors
SELECT throws_ok($$SELECT thermaliq.create_rollup('public.tq83_h', '1 hour', 'public.tq83_readings')$$, '42P07', NULL,
	'the same name again: 42P07');
SELECT throws_ok($$SELECT thermaliq.create_rollup('public.tq83_readings', '1 hour', 'public.tq83_readings')$$, '42P07', NULL,
	'the name of an existing table: 42P07');
SELECT throws_ok($$SELECT thermaliq.create_rollup('x; DROP TABLE public.tq83_readings', '1 hour', 'public.tq83_readings')$$, '42602', NULL,
	'an injection attempt is an invalid name: 42602');
SELECT throws_ok($$SELECT thermaliq.create_rollup('Hourly', '1 hour', 'public.tq83_readings')$$, '42602', NULL,
	'upper case (would need quoting): 42602');
SELECT throws_ok($$SELECT thermaliq.create_rollup('a.b.c', '1 hour', 'public.tq83_readings')$$, '42602', NULL, 'three name parts: 42602');
SELECT throws_ok(format('SELECT thermaliq.create_rollup(%L, ''1 hour'', ''public.tq83_readings'')', repeat('r', 60)), '42622', NULL,
	'60 bytes: 42622 (the view and index suffixes must fit)');
SELECT throws_ok($$SELECT thermaliq.create_rollup('nosuch.r', '1 hour', 'public.tq83_readings')$$, '3F000', NULL, 'a schema that does not exist: 3F000');
SELECT throws_ok($$SELECT thermaliq.create_rollup('tq83_z', '0', 'public.tq83_readings')$$, '22023', NULL, 'a zero bucket: 22023');
SELECT throws_ok($$SELECT thermaliq.create_rollup('tq83_z', '-1 hour', 'public.tq83_readings')$$, '22023', NULL, 'a negative bucket: 22023');
SELECT throws_ok($$SELECT thermaliq.create_rollup('tq83_z', '1 month', 'public.tq83_readings')$$, '22023', NULL,
	'a bucket with months: 22023 (months are rollup() of days)');
SELECT throws_ok($$SELECT thermaliq.create_rollup('tq83_z', '1 hour', 'public.nosuch_readings')$$, '42P01', NULL,
	'an unknown readings table: 42P01');
SELECT throws_ok($$SELECT thermaliq.create_rollup('tq83_z', '1 hour', 'thermaliq.fuels')$$, '42809', NULL,
	'a table without the readings columns: 42809');
SELECT throws_ok($$SELECT thermaliq.create_rollup(NULL, '1 hour', 'public.tq83_readings')$$, '22004', NULL, 'a NULL name: 22004');
SELECT throws_ok($$SELECT thermaliq.drop_rollup('tq83_nosuch')$$, '42704', NULL, 'drop_rollup of an unknown rollup: 42704');
SELECT throws_ok($$SELECT thermaliq.refresh_rollup('tq83_nosuch')$$, '42704', NULL, 'refresh_rollup of an unknown rollup: 42704');
SELECT is((SELECT count(*) FROM thermaliq.rollups), 1::bigint, 'the failed calls registered nothing');

-- ------------------------------------------------------------- tenancy
SELECT thermaliq.setup_roles();  -- the roles did not exist when the rollup was made: it grants the view
SELECT is((SELECT string_agg(r || ':' || f, ',' ORDER BY r, f) FROM unnest(ARRAY['thermaliq_anon', 'thermaliq_reader',
	'thermaliq_analyst', 'thermaliq_ingest', 'thermaliq_admin']) r,
	unnest(ARRAY['thermaliq.create_rollup(text,interval,regclass,text)', 'thermaliq.drop_rollup(text)',
		'thermaliq.refresh_rollup(text,boolean)']) f WHERE has_function_privilege(r, f, 'EXECUTE')), NULL,
	'no thermaliq role may create, drop or refresh a rollup');
SELECT ok(has_table_privilege('thermaliq_reader', 'public.tq83_h_v', 'SELECT')
	AND NOT has_table_privilege('thermaliq_reader', 'public.tq83_h', 'SELECT')
	AND NOT has_table_privilege('thermaliq_anon', 'public.tq83_h_v', 'SELECT'),
	'the reader may read the view, not the materialized view; anon neither');
CREATE ROLE tq83_tenant NOLOGIN;
GRANT thermaliq_reader TO tq83_tenant;
UPDATE thermaliq.facilities SET owner_role = 'tq83_tenant' WHERE facility_id = 'r2';
SELECT thermaliq.readings_enable_tenancy('public.tq83_readings');
SET LOCAL ROLE tq83_tenant;
SELECT is((SELECT string_agg(DISTINCT facility_id, ',') || ':' || count(*) || ':' || round(sum(energy_kwh)::numeric, 6)
	FROM public.tq83_h_v), 'r2:74:100.000000', 'a tenant reads its facility''s rows only, history and tail (74 rows, 100 kWh)');
RESET ROLE;

-- ------------------------------------------------------------- drop
SELECT lives_ok($$SELECT thermaliq.drop_rollup('public.tq83_h')$$, 'drop_rollup');
SELECT ok(to_regclass('public.tq83_h') IS NULL AND to_regclass('public.tq83_h_v') IS NULL
	AND NOT EXISTS (SELECT 1 FROM thermaliq.rollups), 'removes the materialized view, the view and the registry row');
SELECT lives_ok($$SELECT thermaliq.create_rollup('tq83_h', '1 day', 'public.tq83_readings')$$,
	'the name is free again (a daily rollup in the current schema)');
SELECT is((SELECT count(*) FROM public.tq83_h WHERE facility_id = 'm3' AND meter_id = 'me'), 30::bigint, 'with 30 days of m3.me');

SELECT * FROM finish();
ROLLBACK;
