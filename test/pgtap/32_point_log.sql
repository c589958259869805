-- The point log behind unordered time_weight / meter_agg calls (src/pg/tw_log.c):
-- mostly ordered input (a few rows behind, as heaps refilled from the free
-- space map deliver them), late rows after a final call (window use), hash
-- aggregation that spills, the memory it reports, and thermaliq.log_cache.
-- Reference: the same call with ORDER BY ts, which needs no log; `=` on the
-- summaries compares every field bit for bit.
BEGIN;
SET LOCAL client_min_messages = warning;
SET LOCAL search_path = thermaliq, public;
SET LOCAL timezone = 'UTC';
SELECT plan(20);

-- 20,000 samples of 4 series; arrival order k is time order except that
-- every 97th row arrives 1..60 rows late, every 1000th re-sends its timestamp
-- with another value, and one row of each series arrives last although it is
-- the earliest
CREATE TEMP TABLE pl AS
SELECT s, i,
	timestamptz '2026-02-01' + (i * 60 + (hashint4(i * 7 + s) & 15)) * interval '1 second' AS ts,
	round((100 + 40 * sin(i / 50.0 + s) + (hashint4(i + s) % 100) / 10.0)::numeric, 3)::float8 AS v,
	-- a counter with two resets
	((i % 7000) * 2.5 + s)::float8 AS r,
	CASE WHEN i = 0 THEN 1e9 WHEN i % 97 = 0 THEN i + 1.25 + abs(hashint4(i)) % 60 ELSE i END::float8 AS k
FROM generate_series(0, 3) s, generate_series(0, 4999) i;
INSERT INTO pl SELECT s, i, ts, v + 1, r, k + 0.5 FROM pl WHERE i % 1000 = 500;

SELECT is((SELECT count(*)::int FROM (SELECT s, ts, lag(ts) OVER (PARTITION BY s ORDER BY k) AS prev FROM pl) x
	WHERE ts < prev), 4 * 52, 'the input really arrives out of order (52 late rows per series, plus the first)');

SELECT is((SELECT count(*)::int FROM (
	SELECT s, time_weight(ts, v) AS a, time_weight(ts, v, 'locf', '90 s') AS b
	FROM (SELECT * FROM pl ORDER BY k) x GROUP BY s) u
	JOIN (SELECT s, time_weight(ts, v ORDER BY ts) AS a, time_weight(ts, v, 'locf', '90 s' ORDER BY ts) AS b
	FROM pl GROUP BY s) o USING (s)
	WHERE u.a = o.a AND u.b = o.b), 4,
	'time_weight: mostly ordered input gives the summaries of sorted input, bit for bit');
SELECT is((SELECT count(*)::int FROM (
	SELECT s, meter_agg(ts, r) AS a, meter_agg(ts, r, 17000, 20000) AS b
	FROM (SELECT * FROM pl ORDER BY k) x GROUP BY s) u
	JOIN (SELECT s, meter_agg(ts, r ORDER BY ts) AS a, meter_agg(ts, r, 17000, 20000 ORDER BY ts) AS b
	FROM pl GROUP BY s) o USING (s)
	WHERE u.a = o.a AND u.b = o.b), 4,
	'meter_agg: the same, with resets, rollover and max_rate');

-- by hand: 10 kW at 01:00, 20 kW at 02:00, then late: 0 kW at 00:00 and a
-- second 01:00 sample of 30 kW (the larger wins): 0 -> 30 over 1 h = 15,
-- 30 -> 20 over 1 h = 25: 40 kWh over 2 h, 3 samples
CREATE TEMP TABLE hand(k int, ts timestamptz, v float8);
INSERT INTO hand VALUES (1, '2026-03-01 01:00', 10), (2, '2026-03-01 02:00', 20),
	(3, '2026-03-01 00:00', 0), (4, '2026-03-01 01:00', 30);
SELECT is((SELECT integral(s) FROM (SELECT time_weight(ts, v) s FROM (SELECT * FROM hand ORDER BY k) x) y),
	40::float8, 'late rows before the first and on a taken timestamp: 40 kWh');
SELECT is((SELECT sample_count(s) FROM (SELECT time_weight(ts, v) s FROM (SELECT * FROM hand ORDER BY k) x) y),
	3::bigint, 'three distinct timestamps');

-- window use: the final function runs after every row and late rows keep
-- coming after it; each running summary equals the sorted aggregate of the
-- rows up to it
SELECT is((SELECT count(*)::int FROM (
	SELECT k, time_weight(ts, v) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
	FROM pl WHERE s = 1 AND i < 400) w
	WHERE run IS DISTINCT FROM (SELECT time_weight(ts, v ORDER BY ts) FROM pl p WHERE s = 1 AND i < 400 AND p.k <= w.k)), 0,
	'running window summaries over late rows equal the sorted aggregate of each prefix');
SELECT is((SELECT count(*)::int FROM (
	SELECT k, meter_agg(ts, r) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
	FROM pl WHERE s = 2 AND i < 400) w
	WHERE run IS DISTINCT FROM (SELECT meter_agg(ts, r ORDER BY ts) FROM pl p WHERE s = 2 AND i < 400 AND p.k <= w.k)), 0,
	'the same for meter_agg');

-- hash aggregation that spills (work_mem 64 kB, 2,000 groups created
-- throughout the input): the spilled batches re-aggregate in a reset
-- context, whose log blocks go back to the cache and are lent again
CREATE TEMP TABLE many AS
SELECT g, timestamptz '2026-01-01' + (i * 10 + g % 7) * interval '1 second' AS ts, ((g * 31 + i * 17) % 101)::float8 AS v
FROM generate_series(0, 199) i, generate_series(0, 1999) g ORDER BY i, g;
ANALYZE many;
SET LOCAL work_mem = '64kB';
SET LOCAL enable_sort = off;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE plan_json(j json);
CREATE FUNCTION pg_temp.explain_json(q text) RETURNS json LANGUAGE plpgsql AS $$
DECLARE r json; BEGIN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || q INTO r; RETURN r; END $$;
INSERT INTO plan_json SELECT pg_temp.explain_json('SELECT g, time_weight(ts, v) FROM many GROUP BY g');
SELECT is((SELECT j -> 0 -> 'Plan' ->> 'Node Type' FROM plan_json), 'Aggregate', 'hashed plan');
SELECT is((SELECT j -> 0 -> 'Plan' ->> 'Strategy' FROM plan_json), 'Hashed', 'strategy Hashed');
SELECT cmp_ok((SELECT (j -> 0 -> 'Plan' ->> 'HashAgg Batches')::int FROM plan_json), '>', 1, 'and it spills');
SELECT is((SELECT count(*)::int FROM (SELECT g, time_weight(ts, v) a FROM many GROUP BY g) h
	JOIN (SELECT g, time_weight(ts, v ORDER BY ts) a FROM many GROUP BY g) o USING (g) WHERE h.a = o.a), 2000,
	'every spilled group equals its sorted aggregate');
RESET enable_sort;
RESET work_mem;

-- the log (16 B a point) counts in the aggregate's memory, also the blocks
-- lent by the cache: 2 groups x 100,000 points = 3,125 kB of points
SET LOCAL enable_sort = off;
TRUNCATE plan_json;
INSERT INTO plan_json SELECT pg_temp.explain_json(
	$$SELECT g, time_weight(t, v) FROM (SELECT i % 2 AS g, timestamptz '2026-01-01' + i * interval '1 s' AS t, 1.0::float8 AS v
	  FROM generate_series(1, 200000) i) x GROUP BY g$$);
SELECT cmp_ok((SELECT (j -> 0 -> 'Plan' ->> 'Peak Memory Usage')::int FROM plan_json), '>=', 3125,
	'hash aggregate memory includes the point log');
RESET enable_sort;

-- thermaliq.log_cache
SELECT is(current_setting('thermaliq.log_cache'), '256MB', 'log_cache defaults to 256MB');
SELECT cmp_ok((SELECT total_bytes FROM pg_backend_memory_contexts WHERE name = 'thermaliq point-log cache'), '>=',
	2::bigint * 1024 * 1024, 'the blocks of the last aggregates are kept');
SET LOCAL thermaliq.log_cache = 0;
SELECT cmp_ok((SELECT total_bytes FROM pg_backend_memory_contexts WHERE name = 'thermaliq point-log cache'), '<',
	1024::bigint * 1024, 'setting it to 0 frees them at once');
SELECT is((SELECT count(*)::int FROM (SELECT s, time_weight(ts, v) AS a FROM (SELECT * FROM pl ORDER BY k) x GROUP BY s) u
	JOIN (SELECT s, time_weight(ts, v ORDER BY ts) AS a FROM pl GROUP BY s) o USING (s) WHERE u.a = o.a), 4,
	'results do not depend on the cache');
SET LOCAL enable_sort = off;
TRUNCATE plan_json;
INSERT INTO plan_json SELECT pg_temp.explain_json(
	$$SELECT g, time_weight(t, v) FROM (SELECT i % 2 AS g, timestamptz '2026-01-01' + i * interval '1 s' AS t, 1.0::float8 AS v
	  FROM generate_series(1, 200000) i) x GROUP BY g$$);
RESET enable_sort;
SELECT cmp_ok((SELECT (j -> 0 -> 'Plan' ->> 'Peak Memory Usage')::int FROM plan_json), '>=', 3125,
	'with the cache off the log is allocated in the aggregate context');
SELECT cmp_ok((SELECT total_bytes FROM pg_backend_memory_contexts WHERE name = 'thermaliq point-log cache'), '<',
	1024::bigint * 1024, 'and the cache stays empty');
SELECT throws_ok($$SET thermaliq.log_cache = -1$$, '22023', NULL, 'negative log_cache: 22023');
SELECT throws_ok($$SET thermaliq.log_kache = 1$$, '42602', NULL, 'the thermaliq prefix is reserved: a misspelt setting is an error');

SELECT * FROM finish();
ROLLBACK;
