-- time_weight(), its accessors and rollup(tw_summary): hand-computed small
-- cases, then an irregular series (gaps, duplicate timestamps, NULLs,
-- shuffled) against test/oracle/timeweight_oracle.py (numpy/pandas) to
-- 1e-9 relative. Numbers in comments are worked by hand.
SET search_path = thermaliq, public;
SET timezone = 'UTC';

CREATE TEMP TABLE tw_hand(id int, ts timestamptz, v float8);
-- id 1: 10 kW at 00:00, 20 kW at 01:00 -> trapezoid 15 kWh, step 10 kWh
-- id 2: 0 at 00:00, 6 at 00:10, 6 at 00:40, 0 at 01:00 (trapezoid):
--       area = 0.5*6*600 + 6*1800 + 0.5*6*1200 = 1800 + 10800 + 3600 = 16200 kW s
--       = 4.5 kWh, average 16200 / 3600 = 4.5 kW
INSERT INTO tw_hand VALUES
	(1, '2026-01-01 00:00', 10), (1, '2026-01-01 01:00', 20),
	(2, '2026-01-01 00:40', 6), (2, '2026-01-01 00:00', 0),
	(2, '2026-01-01 01:00', 0), (2, '2026-01-01 00:10', 6);

SELECT id,
	integral(time_weight(ts, v)) AS kwh,
	integral(time_weight(ts, v, 'locf')) AS kwh_locf,
	average(time_weight(ts, v)) AS avg_kw,
	coverage(time_weight(ts, v)) AS coverage,
	sample_count(time_weight(ts, v)) AS n,
	gap_count(time_weight(ts, v)) AS gaps
FROM tw_hand GROUP BY id ORDER BY id;
-- id 2 with locf: 0*600 + 6*1800 + 6*1200 = 18000 kW s = 5 kWh

SELECT integral(time_weight(ts, v, 'locf')) = 5 AS locf_5_kwh FROM tw_hand WHERE id = 2;

-- units: 15 kWh = 900 kW min = 54000 kW s = 5.4e10 kW us = 5.4e7 kW ms
--        = 0.625 kW day = 15/168 kW week; default is 'hour'
SELECT u, integral(s, u) AS val
FROM (SELECT time_weight(ts, v) s FROM tw_hand WHERE id = 1) x,
	unnest(ARRAY['microsecond', 'millisecond', 'second', 'minute', 'hour', 'day']) u;
SELECT abs(integral(s, 'week') - 15.0 / 168) < 1e-15 AS week_ok, integral(s) = 15 AS default_hour
FROM (SELECT time_weight(ts, v) s FROM tw_hand WHERE id = 1) x;

-- first/last accessors
SELECT first_time(s), last_time(s), first_val(s), last_val(s)
FROM (SELECT time_weight(ts, v) s FROM tw_hand WHERE id = 2) x;

-- max_gap: samples at 0, 10, 100, 110 s with 1, 1, 1, 3 kW, max_gap 30 s:
-- the 90 s segment is a gap; area = 10 + 20 = 30 kW s, covered 20 s, avg 1.5
SELECT integral(s, 'second') AS kws, coverage(s), gap_count(s), average(s)
FROM (SELECT time_weight(ts, v, 'linear', '30 seconds') s FROM (VALUES
	('2026-01-01 00:00:00'::timestamptz, 1::float8), ('2026-01-01 00:00:10', 1),
	('2026-01-01 00:01:40', 1), ('2026-01-01 00:01:50', 3)) t(ts, v)) x;
-- a segment exactly max_gap long is not a gap
SELECT gap_count(time_weight(ts, v, 'linear', '90 seconds')) AS no_gap
FROM (VALUES ('2026-01-01 00:00:10'::timestamptz, 1::float8), ('2026-01-01 00:01:40', 1)) t(ts, v);

-- equal timestamps: the larger value wins, in any order; NULLs skipped
-- (5 at 0 s, 5 at 10 s -> 50 kW s)
SELECT integral(time_weight(ts, v), 'second') AS kws, sample_count(time_weight(ts, v)) AS n
FROM (VALUES ('2026-01-01 00:00:10'::timestamptz, 5::float8), ('2026-01-01 00:00:00', 1),
	('2026-01-01 00:00:00', 5), (NULL, 100), ('2026-01-01 00:00:05', NULL),
	('2026-01-01 00:00:00', 3), ('2026-01-01 00:00:10', -7)) t(ts, v);

-- no rows, only NULLs: NULL summary; one sample: no coverage, NULL average
SELECT time_weight(ts, v) IS NULL AS empty_is_null FROM tw_hand WHERE false;
SELECT time_weight(NULL::timestamptz, v) IS NULL AS nulls_is_null FROM tw_hand;
SELECT integral(s), average(s) IS NULL AS avg_null, coverage(s), sample_count(s)
FROM (SELECT time_weight(ts, v) s FROM tw_hand WHERE id = 1 AND v = 10) x;

-- errors
SELECT time_weight(ts, v, 'spline') FROM tw_hand;
SELECT time_weight(ts, v, 'linear', '0 seconds') FROM tw_hand;
SELECT time_weight(ts, v, 'linear', '1 month') FROM tw_hand;
SELECT time_weight(ts, 'NaN') FROM tw_hand;
SELECT time_weight('infinity', v) FROM tw_hand;
SELECT integral(time_weight(ts, v), 'fortnight') FROM tw_hand;

-- text I/O round trip (exact, independent of TimeZone) and equality
SELECT s AS summary FROM (SELECT time_weight(ts, v, 'locf', '10 min') s FROM tw_hand WHERE id = 2) x;
SET timezone = 'America/New_York';
SELECT s::text::tw_summary = s AS text_roundtrip, s::text::tw_summary <> s AS differs
FROM (SELECT time_weight(ts, v * 1.1, 'linear', '10 min') s FROM tw_hand) x;
RESET timezone;
SET timezone = 'UTC';
-- malformed input
SELECT '(version:1,method:linear)'::tw_summary;
SELECT '(version:2,method:linear)'::tw_summary;
SELECT '(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:10,last_time:2026-01-01 01:00:00+00,last_val:20,integral:54000,covered:3600,samples:1,gaps:0)'::tw_summary;
SELECT '(version:1,method:linear,max_gap:none,first_time:2026-01-01 00:00:00+00,first_val:NaN,last_time:2026-01-01 01:00:00+00,last_val:20,integral:54000,covered:3600,samples:2,gaps:0)'::tw_summary;

-- binary I/O round trip through COPY BINARY
CREATE TEMP TABLE tw_bin(s tw_summary);
INSERT INTO tw_bin SELECT time_weight(ts, v, 'locf', '7 min') FROM tw_hand GROUP BY id;
\copy tw_bin TO 'results/30_tw_bin.dat' WITH (FORMAT binary)
CREATE TEMP TABLE tw_bin2(s tw_summary);
\copy tw_bin2 FROM 'results/30_tw_bin.dat' WITH (FORMAT binary)
SELECT count(*) AS same FROM tw_bin a JOIN tw_bin2 b ON a.s = b.s;

-- the irregular series of the oracle (gaps, duplicates, NULLs, shuffled)
CREATE TEMP TABLE tw_raw(series text, ts_us bigint, value float8);
\copy tw_raw FROM PROGRAM '/usr/bin/python3 test/oracle/timeweight_oracle.py data' WITH (FORMAT csv)
CREATE TEMP TABLE tw_data AS
	SELECT series, timestamptz 'epoch' + ts_us * interval '1 microsecond' AS ts, value FROM tw_raw;
CREATE TEMP TABLE tw_expect(series text, method text, max_gap_s int, kwh float8,
	avg float8, coverage_s float8, gaps bigint, samples bigint);
\copy tw_expect FROM PROGRAM '/usr/bin/python3 test/oracle/timeweight_oracle.py expect' WITH (FORMAT csv)
SELECT e.series, e.method, e.max_gap_s,
	abs(integral(s) - e.kwh) <= 1e-9 * abs(e.kwh) AS integral_ok,
	abs(average(s) - e.avg) <= 1e-9 * abs(e.avg) AS average_ok,
	abs(extract(epoch FROM coverage(s)) - e.coverage_s) <= 1e-9 * e.coverage_s AS coverage_ok,
	gap_count(s) = e.gaps AS gaps_ok, sample_count(s) = e.samples AS samples_ok
FROM tw_expect e
CROSS JOIN LATERAL (
	SELECT time_weight(d.ts, d.value, e.method, make_interval(secs => e.max_gap_s)) s
	FROM tw_data d WHERE d.series = e.series) x
ORDER BY 1, 2, 3;

-- any input order gives the identical summary (= compares every field)
SELECT series,
	(SELECT time_weight(ts, value, 'linear', '15 min') FROM (SELECT * FROM tw_data d WHERE d.series = o.series ORDER BY random()) r)
	= (SELECT time_weight(ts, value, 'linear', '15 min') FROM (SELECT * FROM tw_data d WHERE d.series = o.series ORDER BY ts, value) r) AS shuffled_eq_sorted,
	(SELECT time_weight(ts, value, 'linear', '15 min' ORDER BY ts) FROM tw_data d WHERE d.series = o.series)
	= (SELECT time_weight(ts, value, 'linear', '15 min') FROM (SELECT * FROM tw_data d WHERE d.series = o.series ORDER BY ts DESC) r) AS ordered_eq_reversed
FROM (VALUES ('a'), ('b')) o(series) ORDER BY 1;

-- rollup: daily summaries stitched equal the whole range (the segments that
-- cross midnight are added back, gaps stay gaps), in any order
CREATE TEMP TABLE tw_daily AS
	SELECT series, date_trunc('day', ts) AS day, time_weight(ts, value, 'linear', '15 min') AS s
	FROM tw_data WHERE series IN ('a', 'b') GROUP BY 1, 2;
SELECT d.series, d.days > 1 AS several_days,
	abs(integral(r) - e.kwh) <= 1e-9 * e.kwh AS integral_ok,
	abs(extract(epoch FROM coverage(r)) - e.coverage_s) <= 1e-9 * e.coverage_s AS coverage_ok,
	gap_count(r) = e.gaps AS gaps_ok, sample_count(r) = e.samples AS samples_ok
FROM (SELECT series, rollup(s ORDER BY random()), count(*) FROM tw_daily GROUP BY series) d(series, r, days)
JOIN tw_expect e ON e.series = d.series AND e.method = 'linear' AND e.max_gap_s = 900
ORDER BY 1;
-- a stored summary re-aggregates: rollup of one summary is itself; NULLs skipped
SELECT rollup(s) = (array_agg(s))[1] AS single, rollup(NULL::tw_summary) IS NULL AS null_only
FROM tw_daily WHERE series = 'a' AND day = (SELECT min(day) FROM tw_daily);
-- overlap, method and max_gap mismatch are errors (22000) naming both ranges
SELECT rollup(s) FROM (SELECT time_weight(ts, v) s FROM tw_hand GROUP BY id) x;
\set VERBOSITY sqlstate
SELECT rollup(s) FROM (SELECT time_weight(ts, v) s FROM tw_hand GROUP BY id) x;
\set VERBOSITY default
SELECT rollup(s) FROM (VALUES
	((SELECT time_weight(ts, v) FROM tw_hand WHERE id = 1)),
	((SELECT time_weight(ts + interval '1 day', v, 'locf') FROM tw_hand WHERE id = 1))) x(s);
SELECT rollup(s) FROM (VALUES
	((SELECT time_weight(ts, v, 'linear', '1 hour') FROM tw_hand WHERE id = 1)),
	((SELECT time_weight(ts + interval '1 day', v, 'linear', '2 hours') FROM tw_hand WHERE id = 1))) x(s);
-- adjacent hand case: [00:00 10, 01:00 20] then [02:00 20, 03:00 0]:
-- 15 + 20 + 10 = 45 kWh over 3 h, 4 samples
SELECT integral(rollup(s)) AS kwh, sample_count(rollup(s)) AS n FROM (VALUES
	((SELECT time_weight(ts, v) FROM tw_hand WHERE id = 1)),
	((SELECT time_weight(ts, v) FROM (VALUES ('2026-01-01 03:00'::timestamptz, 0::float8), ('2026-01-01 02:00', 20)) t(ts, v)))) x(s);
-- max_gap 1 hour, second summary [02:30 20, 03:00 0]: 15 + (01:00 -> 02:30
-- is 1.5 h, a gap) + 0.5 * 20 * 0.5 = 20 kWh, one gap, covered 1.5 h;
-- without max_gap the middle adds 20 * 1.5 = 30: 50 kWh
SELECT integral(rollup(s)) AS kwh, gap_count(rollup(s)) AS gaps, coverage(rollup(s)) FROM (VALUES
	((SELECT time_weight(ts, v, 'linear', '1 hour') FROM (VALUES ('2026-01-01 03:00'::timestamptz, 0::float8), ('2026-01-01 02:30', 20)) t(ts, v))),
	((SELECT time_weight(ts, v, 'linear', '1 hour') FROM tw_hand WHERE id = 1))) x(s);
SELECT integral(rollup(s)) AS kwh FROM (VALUES
	((SELECT time_weight(ts, v) FROM (VALUES ('2026-01-01 03:00'::timestamptz, 0::float8), ('2026-01-01 02:30', 20)) t(ts, v))),
	((SELECT time_weight(ts, v) FROM tw_hand WHERE id = 1))) x(s);

-- window use: the final function runs once per row on a growing state
SELECT ts, integral(time_weight(ts, v) OVER (ORDER BY ts)) AS running_kwh
FROM tw_hand WHERE id = 2 ORDER BY ts;
SELECT ts, integral(time_weight(ts, v) OVER (ORDER BY ts DESC)) AS reverse_running_kwh
FROM tw_hand WHERE id = 2 ORDER BY ts;
