-- meter_agg(), delta(), reset_count() and rollup(meter_summary): hand cases
-- and a counter series (resets, a wrap-around, a spike, duplicates,
-- shuffled) against test/oracle/timeweight_oracle.py to 1e-9 relative.
SET search_path = thermaliq, public;
SET timezone = 'UTC';

-- 100 -> 110 (+10) -> 5 (drop: reset, +5) -> 15 (+10) = 25, one reset
CREATE TEMP TABLE m_hand(ts timestamptz, r float8);
INSERT INTO m_hand VALUES ('2026-01-01 02:00', 5), ('2026-01-01 00:00', 100),
	('2026-01-01 03:00', 15), ('2026-01-01 01:00', 110), (NULL, 7), ('2026-01-01 04:00', NULL);
SELECT delta(s), reset_count(s), rollover_count(s), rejected_count(s)
FROM (SELECT meter_agg(ts, r) s FROM m_hand) x;
-- rollover 1000: the drop 110 -> 5 wraps: 1000 - 110 + 5 = 895; 10 + 895 + 10 = 915
SELECT delta(s), reset_count(s), rollover_count(s)
FROM (SELECT meter_agg(ts, r, 1000, NULL) s FROM m_hand) x;
-- max_rate 100 per hour: 0 -> 10 (1 h, ok) -> 1000 (990 in 1 h: rejected)
-- -> 1010 (+10 from the rejected reading) -> 1060 (50 in 0.5 h = 100/h: ok) = 70
SELECT delta(s), rejected_count(s)
FROM (SELECT meter_agg(ts, r, NULL, 100) s FROM (VALUES
	('2026-01-01 00:00'::timestamptz, 0::float8), ('2026-01-01 01:00', 10),
	('2026-01-01 02:00', 1000), ('2026-01-01 03:00', 1010), ('2026-01-01 03:30', 1060)) t(ts, r)) x;
-- equal timestamps: larger reading wins (7 at 00:00, then 9: +2)
SELECT delta(meter_agg(ts, r)) FROM (VALUES ('2026-01-01 00:00'::timestamptz, 7::float8),
	('2026-01-01 00:00', 3), ('2026-01-01 01:00', 9)) t(ts, r);
-- empty: NULL
SELECT meter_agg(ts, r) IS NULL AS empty FROM m_hand WHERE false;
-- errors
SELECT meter_agg(ts, r, 0, NULL) FROM m_hand;
SELECT meter_agg(ts, r, NULL, -1) FROM m_hand;
SELECT meter_agg(ts, 'Infinity') FROM m_hand;

-- text round trip and equality
SELECT s FROM (SELECT meter_agg(ts, r, 1000, 5000) s FROM m_hand) x;
SELECT s::text::meter_summary = s AS roundtrip FROM (SELECT meter_agg(ts, r * 1.1) s FROM m_hand) x;
SELECT '(version:1,rollover:none)'::meter_summary;

-- rollup: [00:00 .. 01:00] then [02:00 .. 03:00] = 10 + (reset step 5) + 10
SELECT delta(rollup(s)), reset_count(rollup(s)) FROM (
	SELECT meter_agg(ts, r) s FROM m_hand GROUP BY ts >= '2026-01-01 02:00') x;
SELECT rollup(s) FROM (SELECT meter_agg(ts, r) s FROM m_hand UNION ALL SELECT meter_agg(ts, r) FROM m_hand) x;
SELECT rollup(s) FROM (VALUES ((SELECT meter_agg(ts, r) FROM m_hand WHERE ts < '2026-01-01 02:00')),
	((SELECT meter_agg(ts, r, 1000, NULL) FROM m_hand WHERE ts >= '2026-01-01 02:00'))) x(s);

-- the counter rule of API.md section 5 (1.1): a drop within the step-back
-- tolerance (default 1 % of the register) is a re-sent value, not a reset.
-- 1000 -> 1010 (+10) -> 1009.9 (0.1 <= 10.1: step-back, 0) -> 1020 (+10
-- from the register 1010) = 20, no reset; with tolerance 0 (the 1.0 rule):
-- 10 + 1009.9 (reset) + 10.1 = 1030, one reset
CREATE TEMP TABLE m_sb(ts timestamptz, r float8);
INSERT INTO m_sb VALUES ('2026-01-01 00:00', 1000), ('2026-01-01 00:15', 1010),
	('2026-01-01 00:30', 1009.9), ('2026-01-01 00:45', 1020);
SELECT delta(s), reset_count(s) FROM (SELECT meter_agg(ts, r) s FROM m_sb) x;
SELECT delta(s), reset_count(s) FROM (SELECT meter_agg(ts, r, NULL, NULL, 0) s FROM m_sb) x;
SELECT delta(s) FROM (SELECT meter_agg(ts, r, NULL, NULL, NULL) s FROM m_sb) x;
-- 100, 130, 170, 5, 25: the drop 165 > 1.7 is a reset: 30 + 40 + 5 + 20 = 95
SELECT delta(s), reset_count(s) FROM (SELECT meter_agg(ts, r) s FROM (VALUES
	('2026-01-01 00:00'::timestamptz, 100::float8), ('2026-01-01 01:00', 130), ('2026-01-01 02:00', 170),
	('2026-01-01 03:00', 5), ('2026-01-01 04:00', 25)) t(ts, r)) x;
-- a 0.1 kg re-sent value on a 50 t register: 50000 -> 49999.9 -> 50100: 100
SELECT delta(meter_agg(ts, r)) FROM (VALUES ('2026-01-01 00:00'::timestamptz, 50000::float8),
	('2026-01-01 00:15', 49999.9), ('2026-01-01 00:30', 50100)) t(ts, r);
-- rollup across a step-back at the boundary: [1000, 1010] + [1009.9, 1020]
-- counts from the register 1010: 10 + 10 = 20, as the whole series
SELECT delta(rollup(s)), reset_count(rollup(s)) FROM (
	SELECT meter_agg(ts, r) s FROM m_sb GROUP BY ts >= '2026-01-01 00:30') x;
SELECT meter_agg(ts, r) FROM m_sb WHERE ts >= '2026-01-01 00:30';
-- the tolerance must be in [0, 1) and the same for all rows of a group
SELECT meter_agg(ts, r, NULL, NULL, 1) FROM m_sb;
SELECT meter_agg(ts, r, NULL, NULL, -0.1) FROM m_sb;
SELECT meter_agg(ts, r, NULL, NULL, 'NaN') FROM m_sb;
SELECT meter_agg(ts, r, NULL, NULL, CASE WHEN r > 1005 THEN 0.02 ELSE 0.01 END) FROM m_sb;
SELECT rollup(s) FROM (VALUES ((SELECT meter_agg(ts, r, NULL, NULL, 0.01) FROM m_sb WHERE ts < '2026-01-01 00:30')),
	((SELECT meter_agg(ts, r, NULL, NULL, 0.02) FROM m_sb WHERE ts >= '2026-01-01 00:30'))) x(s);
-- summaries stored by thermaliq 1.0 (version 1) still read, with its rule
-- (tolerance 0): text and binary
SELECT s, delta(s), reset_count(s)
FROM (SELECT '(version:1,rollover:none,max_rate:none,first_time:2026-01-01 00:00:00+00,first_val:100,last_time:2026-01-01 03:00:00+00,last_val:15,delta:25,samples:4,resets:1,rollovers:0,rejected:0)'::meter_summary s) x;
-- binary round trip (send, then recv through COPY BINARY), every field kept
CREATE TEMP TABLE m_bin AS SELECT meter_agg(ts, r, 1030, 100, 0.02) s FROM m_sb
	UNION ALL SELECT meter_agg(ts, r) FROM m_hand;
COPY m_bin TO '/tmp/thermaliq_31_meter.bin' (FORMAT binary);
CREATE TEMP TABLE m_bin2 (s meter_summary);
COPY m_bin2 FROM '/tmp/thermaliq_31_meter.bin' (FORMAT binary);
SELECT count(*) AS rows, bool_and(EXISTS (SELECT 1 FROM m_bin b WHERE b.s = a.s AND b.s::text = a.s::text)) AS same
FROM m_bin2 a;
-- a version-1 summary rolls up with a version-1 (tolerance 0) one, not with a default one
SELECT delta(rollup(s)) FROM (VALUES
	('(version:1,rollover:none,max_rate:none,first_time:2026-01-01 00:00:00+00,first_val:100,last_time:2026-01-01 01:00:00+00,last_val:110,delta:10,samples:2,resets:0,rollovers:0,rejected:0)'::meter_summary),
	((SELECT meter_agg(ts, r, NULL, NULL, 0) FROM (VALUES ('2026-01-01 02:00'::timestamptz, 109.5::float8), ('2026-01-01 03:00', 120)) t(ts, r)))) x(s);
-- inconsistent text input: register below the last reading, head_break without a break
SELECT '(version:2,rollover:none,max_rate:none,stepback:0.01,first_time:2026-01-01 00:00:00+00,first_val:1000,last_time:2026-01-01 00:45:00+00,last_val:1020,delta:20,register:1000,head_max:1020,head_break:none,samples:4,resets:0,rollovers:0,rejected:0)'::meter_summary;
SELECT '(version:2,rollover:none,max_rate:none,stepback:0.01,first_time:2026-01-01 00:00:00+00,first_val:1000,last_time:2026-01-01 00:45:00+00,last_val:1020,delta:20,register:1020,head_max:1020,head_break:reset,samples:4,resets:0,rollovers:0,rejected:0)'::meter_summary;
SELECT '(version:2,rollover:none,max_rate:none,stepback:1.5,first_time:2026-01-01 00:00:00+00,first_val:1000,last_time:2026-01-01 00:45:00+00,last_val:1020,delta:20,register:1020,head_max:1020,head_break:none,samples:4,resets:0,rollovers:0,rejected:0)'::meter_summary;

-- the oracle's counter series (test/oracle/timeweight_oracle.py reads
-- API.md section 5 literally, with re-sent values between the readings)
CREATE TEMP TABLE m_raw(series text, ts_us bigint, value float8);
\copy m_raw FROM PROGRAM '/usr/bin/python3 test/oracle/timeweight_oracle.py data' WITH (FORMAT csv)
CREATE TEMP TABLE m_data AS SELECT timestamptz 'epoch' + ts_us * interval '1 microsecond' AS ts, value FROM m_raw WHERE series = 'c';
CREATE TEMP TABLE m_expect(series text, rollover float8, max_rate float8, stepback float8,
	delta float8, resets bigint, rollovers bigint, rejected bigint);
\copy m_expect FROM PROGRAM '/usr/bin/python3 test/oracle/timeweight_oracle.py meter' WITH (FORMAT csv)
SELECT e.rollover, e.max_rate, e.stepback,
	abs(delta(s) - e.delta) <= 1e-9 * abs(e.delta) AS delta_ok,
	reset_count(s) = e.resets AS resets_ok, rollover_count(s) = e.rollovers AS rollovers_ok,
	rejected_count(s) = e.rejected AS rejected_ok,
	s = (SELECT meter_agg(ts, value, e.rollover, e.max_rate, e.stepback) FROM (SELECT * FROM m_data ORDER BY random()) r) AS order_independent,
	abs(delta(s) - delta(d)) <= 1e-9 * abs(e.delta) AS daily_rollup_ok
FROM m_expect e
CROSS JOIN LATERAL (SELECT meter_agg(ts, value, e.rollover, e.max_rate, e.stepback) s FROM m_data) x
CROSS JOIN LATERAL (SELECT rollup(s) d FROM (SELECT meter_agg(ts, value, e.rollover, e.max_rate, e.stepback) s
	FROM m_data GROUP BY date_trunc('day', ts)) y) z
ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3;
