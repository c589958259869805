-- pgTAP: the summary types read back everything they print and refuse
-- what time_weight / meter_agg cannot produce (issue #10, deliverable 2).
-- Each block names the probe it answers; every one of them failed before:
--  * a summary holding 5e-324 printed first_val:5e-324, which the text
--    input refused (strtod sets ERANGE for a denormal): 22P02, so a
--    dump/restore lost the whole table;
--  * binary input took timestamps outside PostgreSQL's range, whose text
--    output then failed (pg_dump of the table failed);
--  * values near 1e308 gave an Infinity/NaN integral (0.5 (v0 + v1)
--    overflowed) and text that did not read back;
--  * a crafted meter_summary overflowed its counts: resets + rollovers +
--    rejected wrapped around in int64 and passed the check;
--  * readings at both ends of the timestamp range gave a negative
--    coverage (int64 overflow of last - first);
--  * time_weight did not notice max_gap changing between rows;
--  * NaN was 22023 in time_weight and 22003 elsewhere: now 22003 everywhere.
BEGIN;
SELECT plan(38);
SET LOCAL search_path = thermaliq, public;

-- ---- every finite double round-trips through text, denormals included
CREATE TEMP TABLE rt (id int, s tw_summary, m meter_summary);
INSERT INTO rt
SELECT id, time_weight(ts, v), meter_agg(ts, v)
FROM (VALUES
	(1, '2026-01-01 00:00+00'::timestamptz, 5e-324::float8),   -- smallest denormal
	(1, '2026-01-01 01:00+00', 1),
	(2, '2026-01-01 00:00+00', 2.2250738585072009e-308),        -- largest denormal
	(2, '2026-01-01 00:00:00.000001+00', -4.9406564584124654e-324),
	(3, '2026-01-01 00:00+00', 1.7976931348623157e308),         -- largest double
	(3, '2026-01-01 00:00:00.000001+00', 1.7976931348623157e308),
	(4, '4714-11-24 00:00+00 BC', -0.0),                         -- first valid timestamp
	(4, '4714-11-24 00:00:00.000001+00 BC', 0.1),
	(5, '294276-12-31 23:59:59.999998+00', 1e-310),              -- last valid timestamps
	(5, '294276-12-31 23:59:59.999999+00', 3))
	AS t(id, ts, v)
GROUP BY id;
SELECT is((SELECT count(*) FROM rt), 5::bigint, 'five summaries built');
SELECT is((SELECT count(*) FROM rt WHERE s::text::tw_summary = s), 5::bigint,
	'every tw_summary reads back equal to itself from its text');
SELECT is((SELECT count(*) FROM rt WHERE m::text::meter_summary = m), 5::bigint,
	'every meter_summary reads back equal to itself from its text');
SELECT is((SELECT first_val(s) FROM rt WHERE id = 1), 5e-324::float8, 'the denormal 5e-324 survives');
SELECT is((SELECT first_val(s::text::tw_summary) FROM rt WHERE id = 2), 2.2250738585072009e-308::float8,
	'the largest denormal survives text');
SELECT alike((SELECT s::text FROM rt WHERE id = 1), '%first_val:5e-324,%', 'printed as 5e-324');
-- id 3: v0 = v1 = 1.7976931348623157e308 over 1 us; the mean v0/2 + v1/2 is
-- exact, times 1e-6 s: the integral is the float8 product below, not Infinity
SELECT is((SELECT integral(s, 'second') FROM rt WHERE id = 3),
	1.7976931348623157e308::float8 * 1e-6::float8, 'two values at 1.8e308 integrate without overflow');
SELECT is((SELECT average(s) FROM rt WHERE id = 3),
	(1.7976931348623157e308::float8 * 1e-6::float8) / 1e-6::float8, 'their average is integral / 1e-6 s, finite');
SELECT is((SELECT first_time(s::text::tw_summary) FROM rt WHERE id = 4), '4714-11-24 00:00+00 BC'::timestamptz,
	'the first valid timestamp reads back');
SELECT is((SELECT last_time(s::text::tw_summary) FROM rt WHERE id = 5), '294276-12-31 23:59:59.999999+00'::timestamptz,
	'the last valid timestamp reads back');

-- ---- non-finite arithmetic is 22003, never a stored NaN or Infinity
-- 1.7e308 for an hour: 6.1e311 value x seconds, beyond float8
SELECT throws_ok($$SELECT time_weight(ts, v) FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, 1.7e308::float8),
	('2026-01-01 01:00+00', 1.7e308)) t(ts, v)$$, '22003', NULL, 'an integral beyond float8 is 22003');
SELECT throws_ok($$SELECT meter_agg(ts, v) FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, -1.7e308::float8),
	('2026-01-01 01:00+00', 1.7e308)) t(ts, v)$$, '22003', NULL, 'a meter delta beyond float8 is 22003');
SELECT throws_ok($$SELECT integral('(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 01:00:00+00,last_val:1,integral:1.7e308,covered:3600,samples:2,gaps:0)'::tw_summary, 'microsecond')$$,
	'22003', NULL, 'an accessor result beyond float8 (1.7e308 / 1e-6) is 22003');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES
	('(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 01:00:00+00,last_val:1,integral:1.7e308,covered:3600,samples:2,gaps:0)'::tw_summary),
	('(version:1,method:linear,max_gap:none,first_time:2026-01-01 01:00:00+00,first_val:1,last_time:2026-01-01 02:00:00+00,last_val:1,integral:1.7e308,covered:3600,samples:2,gaps:0)')) t(s)$$,
	'22003', NULL, 'a rollup whose integral overflows is 22003');
SELECT throws_ok($$SELECT time_weight(ts, v) FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, 'NaN'::float8)) t(ts, v)$$,
	'22003', NULL, 'NaN in time_weight is 22003 (was 22023), like everywhere else');
SELECT throws_ok($$SELECT meter_agg(ts, v) FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, '-Infinity'::float8)) t(ts, v)$$,
	'22003', NULL, 'an infinite reading in meter_agg is 22003');

-- ---- int64 timestamp arithmetic at the ends of the range: 22008, never negative
-- 4714-11-24 BC to 294276-12-31 AD is about 9.4e18 us, more than 2^63 - 1
SELECT throws_ok($$SELECT coverage(time_weight(ts, v)) FROM (VALUES ('4714-11-24 00:00+00 BC'::timestamptz, 1::float8),
	('294276-12-31 00:00+00', 1)) t(ts, v)$$, '22008', NULL,
	'time_weight over more than 2^63 us is 22008 (was a negative coverage)');
SELECT throws_ok($$SELECT coverage(time_weight(ts, v)) FROM (VALUES ('294276-12-31 00:00+00'::timestamptz, 1::float8),
	('4714-11-24 00:00+00 BC', 1)) t(ts, v)$$, '22008', NULL,
	'the same in reverse order (found in the final merge) is 22008');
SELECT throws_ok($$SELECT meter_agg(ts, v ORDER BY ts) FROM (VALUES ('4714-11-24 00:00+00 BC'::timestamptz, 1::float8),
	('294276-12-31 00:00+00', 2)) t(ts, v)$$, '22008', NULL, 'meter_agg over more than 2^63 us is 22008');
SELECT throws_ok($$SELECT rollup(s) FROM rt WHERE id IN (4, 5)$$, '22008', NULL,
	'a rollup spanning more than 2^63 us is 22008');
-- 100000 years in one segment fits: coverage is exact
SELECT is((SELECT coverage(time_weight(ts, v)) FROM (VALUES ('2000-01-01 00:00+00'::timestamptz, 1::float8),
	('100000-01-01 00:00+00', 1)) t(ts, v)),
	'100000-01-01 00:00+00'::timestamptz - '2000-01-01 00:00+00'::timestamptz, 'a 98000-year segment is covered exactly');

-- ---- text input refuses what the range, the counts and the relations do not allow
SELECT throws_ok($$SELECT '(version:1,rollover:none,max_rate:none,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 01:00:00+00,last_val:2,delta:1,samples:2,resets:9223372036854775807,rollovers:9223372036854775807,rejected:3)'::meter_summary$$,
	'22P02', NULL, 'counts that overflow their sum are refused (22P02)');
SELECT throws_ok($$SELECT '(version:1,rollover:none,max_rate:none,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 00:00:00.000002+00,last_val:2,delta:1,samples:4,resets:0,rollovers:0,rejected:0)'::meter_summary$$,
	'22P02', NULL, 'more samples than microseconds in the range is refused');
SELECT throws_ok($$SELECT '(version:1,rollover:none,max_rate:none,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 01:00:00+00,last_val:2,delta:1,samples:3,resets:0,rollovers:1,rejected:0)'::meter_summary$$,
	'22P02', NULL, 'rollovers without a rollover value are refused');
SELECT throws_ok($$SELECT '(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 01:00:00+00,last_val:1,integral:1,covered:60,samples:2,gaps:0)'::tw_summary$$,
	'22P02', NULL, 'without max_gap the covered time must be the whole range');
SELECT throws_ok($$SELECT '(version:1,method:linear,max_gap:600,first_time:2026-01-01 00:00:00+00,first_val:1,last_time:2026-01-01 01:00:00+00,last_val:1,integral:1,covered:3600,samples:2,gaps:0)'::tw_summary$$,
	'22P02', NULL, 'one segment covers at most max_gap');
SELECT throws_ok($$SELECT '(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:1e-400,last_time:2026-01-01 01:00:00+00,last_val:1,integral:1,covered:3600,samples:2,gaps:0)'::tw_summary$$,
	'22P02', 'invalid input syntax for type tw_summary in field "first_val": "(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:1e-400,last_time:2026-01-01 01:00:00+00,last_val:1,integral:1,covered:3600,samples:2,gaps:0)"',
	'a float that underflows to 0 is refused, naming the field');
SELECT throws_ok($$SELECT '(version:1,method:linear,max_gap:none,first_time:294277-01-01 00:00:00+00,first_val:1,last_time:294277-01-01 00:00:00+00,last_val:1,integral:0,covered:0,samples:1,gaps:0)'::tw_summary$$,
	'22008', NULL, 'a text timestamp beyond the range is 22008');
SELECT throws_ok($$SELECT '(version:1,method:linear,max_gap:none,first_time:infinity,first_val:1,last_time:infinity,last_val:1,integral:0,covered:0,samples:1,gaps:0)'::tw_summary$$,
	'22008', 'field "first_time" of type tw_summary is out of the timestamp range', 'an infinite text timestamp is 22008 naming the field');

-- ---- binary input: crafted COPY BINARY files, written with lo_export
-- A COPY BINARY file: signature, flags, header extension length, then one
-- tuple of one field (int16 1, int32 length, bytes) and the trailer int16 -1.
CREATE FUNCTION pg_temp.copy_bin(p_payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	v_oid oid;
BEGIN
	v_oid := lo_from_bytea(0, '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
		|| '\x0001'::bytea || int4send(length(p_payload)) || p_payload || '\xffff'::bytea);
	PERFORM lo_export(v_oid, 'tq_probe_33.bin');
	PERFORM lo_unlink(v_oid);
	RETURN 'tq_probe_33.bin';
END $$;
CREATE TEMP TABLE bin_tw (s tw_summary);
CREATE TEMP TABLE bin_m (m meter_summary);
-- tw_summary binary: version(1) method(1) max_gap(8) first_time at byte 11(8)
-- first_val(8) last_time at byte 27(8) ...; a valid one round-trips first
SELECT lives_ok(format($$COPY bin_tw FROM %L (FORMAT binary)$$,
	pg_temp.copy_bin((SELECT tw_summary_send(s) FROM rt WHERE id = 1))), 'a sent summary is received');
SELECT is((SELECT s FROM bin_tw), (SELECT s FROM rt WHERE id = 1), 'and equal');
-- first_time = last_time = END_TIMESTAMP (294277-01-01): was accepted, then unprintable
SELECT throws_ok(format($$COPY bin_tw FROM %L (FORMAT binary)$$,
	pg_temp.copy_bin(overlay(overlay((SELECT tw_summary_send(s) FROM rt WHERE id = 5)
		PLACING int8send(9223371331200000000) FROM 11 FOR 8)
		PLACING int8send(9223371331200000000) FROM 27 FOR 8))),
	'22008', 'field "first_time" of type tw_summary is out of the timestamp range',
	'a binary timestamp beyond the range is 22008 naming the field');
SELECT throws_ok(format($$COPY bin_tw FROM %L (FORMAT binary)$$,
	pg_temp.copy_bin(overlay((SELECT tw_summary_send(s) FROM rt WHERE id = 1)
		PLACING float8send('NaN') FROM 19 FOR 8))),
	'22P03', NULL, 'a binary NaN value is 22P03');
-- meter_summary binary (version 2): version, 2 flags, rollover, max_rate,
-- stepback, first_time(8) at byte 28, first_val, last_time, last_val, delta,
-- register, head_max, head_break(1), samples at 85, resets at 93,
-- rollovers at 101, rejected at 109
SELECT throws_ok(format($$COPY bin_m FROM %L (FORMAT binary)$$,
	pg_temp.copy_bin(overlay(overlay((SELECT meter_summary_send(m) FROM rt WHERE id = 1)
		PLACING int8send(9223372036854775807) FROM 93 FOR 8)
		PLACING int8send(9223372036854775807) FROM 101 FOR 8))),
	'22P03', 'invalid binary input for type meter_summary in field "resets"',
	'crafted binary counts whose sum overflows are refused, naming the field');
SELECT throws_ok(format($$COPY bin_m FROM %L (FORMAT binary)$$,
	pg_temp.copy_bin(overlay((SELECT meter_summary_send(m) FROM rt WHERE id = 1)
		PLACING int8send(-211813488000000001) FROM 28 FOR 8))),
	'22008', NULL, 'a binary timestamp before 4714-11-24 BC is 22008');

-- ---- time_weight notices max_gap (and method) changing between rows
CREATE TEMP TABLE g (ts timestamptz, v float8, gap interval, m text);
INSERT INTO g VALUES ('2026-01-01 00:00+00', 1, '1 hour', 'linear'),
	('2026-01-01 01:00+00', 2, '2 hours', 'linear'), ('2026-01-01 02:00+00', 3, '1 hour', 'locf');
SELECT throws_ok($$SELECT time_weight(ts, v, 'linear', gap ORDER BY ts) FROM g$$, '22023',
	'time_weight max_gap must be the same for all rows of a group', 'a max_gap column that changes is 22023');
SELECT throws_ok($$SELECT time_weight(ts, v, m, '1 hour' ORDER BY ts) FROM g$$, '22023',
	'time_weight method must be the same for all rows of a group', 'a method column that changes is 22023');
SELECT is((SELECT sample_count(time_weight(ts, v, 'linear', gap)) FROM g WHERE gap = '1 hour'), 2::bigint,
	'a max_gap column that does not change is fine');

SELECT * FROM finish();
ROLLBACK;
