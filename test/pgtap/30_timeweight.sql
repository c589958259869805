-- time_weight / meter_agg / rollup: catalog hygiene (no COMBINEFUNC,
-- volatility, comments), SQLSTATEs of the errors, and hand-checked values.
BEGIN;
SET LOCAL client_min_messages = warning;
SET LOCAL search_path = thermaliq, public;
SET LOCAL timezone = 'UTC';
SELECT plan(27);

SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND p.proname IN ('time_weight', 'meter_agg', 'rollup')), 8,
	'eight aggregates: time_weight x3, meter_agg x3 (1.1: with stepback_tolerance), rollup x2');
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND p.proname IN ('time_weight', 'meter_agg', 'rollup')
	AND a.aggcombinefn <> 0), 0, 'no COMBINEFUNC on the order-sensitive aggregates');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND p.proname IN ('time_weight', 'meter_agg', 'rollup', 'integral', 'average',
	'coverage', 'gap_count', 'sample_count', 'first_time', 'last_time', 'first_val', 'last_val', 'delta', 'reset_count')
	AND (p.proparallel <> 's' OR p.provolatile <> 'i')), 0, 'all IMMUTABLE and PARALLEL SAFE');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND (p.proname LIKE 'tw\_%' OR p.proname LIKE 'meter\_%' OR p.proname IN ('time_weight', 'rollup',
	'integral', 'average', 'coverage', 'delta', 'reset_count')) AND obj_description(p.oid, 'pg_proc') IS NULL), 0,
	'every function and aggregate has a comment');
SELECT ok(obj_description('thermaliq.tw_summary'::regtype, 'pg_type') IS NOT NULL
	AND obj_description('thermaliq.meter_summary'::regtype, 'pg_type') IS NOT NULL, 'types have comments');
SELECT function_returns('thermaliq', 'integral', ARRAY['tw_summary', 'text'], 'double precision', 'integral returns float8');
SELECT function_returns('thermaliq', 'coverage', ARRAY['tw_summary'], 'interval', 'coverage returns interval');
SELECT function_returns('thermaliq', 'gap_count', ARRAY['tw_summary'], 'bigint', 'gap_count returns bigint');
SELECT function_returns('thermaliq', 'reset_count', ARRAY['meter_summary'], 'bigint', 'reset_count returns bigint');

CREATE TEMP TABLE t(ts timestamptz, v float8);
-- 0 kW at 00:00 rising to 12 kW at 02:00, then 12 kW to 02:30:
-- 0.5 * 12 * 2 + 12 * 0.5 = 18 kWh over 2.5 h, average 7.2 kW (the
-- arithmetic mean of the samples is 8); locf: 0 * 2 + 12 * 0.5 = 6 kWh
INSERT INTO t VALUES ('2026-03-01 02:00', 12), ('2026-03-01 00:00', 0), ('2026-03-01 02:30', 12);
SELECT is(integral(time_weight(ts, v)), 18::float8, 'trapezoid 18 kWh') FROM t;
SELECT is(integral(time_weight(ts, v), 'day'), 0.75::float8, '18 kWh = 0.75 kW day (86400 s)') FROM t;
SELECT is(round(average(time_weight(ts, v))::numeric, 12), 7.2, 'time-weighted average 7.2 kW, not the arithmetic 8') FROM t;
SELECT is(integral(time_weight(ts, v, 'locf')), 6::float8, 'locf 6 kWh') FROM t;
SELECT is(coverage(time_weight(ts, v, 'linear', '90 min')), interval '30 min', 'max_gap 90 min: only the last 30 min covered') FROM t;
SELECT is(average(time_weight(ts, v, 'linear', '90 min')), 12::float8, 'average over covered time only') FROM t;
SELECT is(first_time(time_weight(ts, v))::text, '2026-03-01 00:00:00+00', 'first_time') FROM t;

SELECT throws_ok($$SELECT time_weight(ts, v, 'cubic') FROM t$$, '22023', NULL, 'unknown method: 22023');
SELECT throws_ok($$SELECT integral(time_weight(ts, v), 'year') FROM t$$, '22023', NULL, 'unknown unit: 22023');
SELECT throws_ok($$SELECT time_weight(ts, 'NaN'::float8) FROM t$$, '22003', NULL, 'NaN: 22003, as every NaN thermaliq refuses');
SELECT throws_ok($$SELECT time_weight(ts, v, 'linear', '-1 hour') FROM t$$, '22023', NULL, 'negative max_gap: 22023');
SELECT throws_ok($$SELECT rollup(s) FROM (SELECT time_weight(ts, v) s FROM t UNION ALL SELECT time_weight(ts, v) FROM t) x$$,
	'22000', 'rollup of tw_summary values with overlapping time ranges', 'overlap: 22000');
SELECT throws_ok($$SELECT 'garbage'::tw_summary$$, '22P02', NULL, 'malformed text: 22P02');
SELECT throws_ok($$SELECT meter_agg(ts, v, -5, NULL) FROM t$$, '22023', NULL, 'bad rollover: 22023');

SELECT is((SELECT s::text::tw_summary = s FROM (SELECT time_weight(ts, v / 3, 'locf', '2 hours') s FROM t) x), true,
	'text round trip is exact (thirds)');
-- counter 5 -> 9 -> 2 (reset) -> 4: 4 + 2 + 2 = 8
SELECT is(delta(meter_agg(ts, r)), 8::float8, 'meter reset: new reading counts from zero')
FROM (VALUES ('2026-03-01 00:00'::timestamptz, 5::float8), ('2026-03-01 03:00', 4),
	('2026-03-01 01:00', 9), ('2026-03-01 02:00', 2)) x(ts, r);
-- rollover 10: 9 -> 2 wraps: 10 - 9 + 2 = 3; 4 + 3 + 2 = 9
SELECT is(delta(meter_agg(ts, r, 10, NULL)), 9::float8, 'meter rollover: wrap-around')
FROM (VALUES ('2026-03-01 00:00'::timestamptz, 5::float8), ('2026-03-01 03:00', 4),
	('2026-03-01 01:00', 9), ('2026-03-01 02:00', 2)) x(ts, r);
SELECT is(rejected_count(meter_agg(ts, r, NULL, 3)), 1::bigint, 'max_rate 3/h rejects the 4 in 1 h step')
FROM (VALUES ('2026-03-01 00:00'::timestamptz, 5::float8), ('2026-03-01 01:00', 9), ('2026-03-01 02:00', 11)) x(ts, r);

SELECT * FROM finish();
ROLLBACK;
