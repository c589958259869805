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

-- the oracle's counter series
CREATE TEMP TABLE m_raw(series text, ts_us bigint, value float8);
\copy m_raw FROM PROGRAM '/usr/bin/python3 test/oracle/timeweight_oracle.py data' WITH (FORMAT csv)
CREATE TEMP TABLE m_data AS SELECT timestamptz 'epoch' + ts_us * interval '1 microsecond' AS ts, value FROM m_raw WHERE series = 'c';
CREATE TEMP TABLE m_expect(series text, rollover float8, max_rate float8, delta float8,
	resets bigint, rollovers bigint, rejected bigint);
\copy m_expect FROM PROGRAM '/usr/bin/python3 test/oracle/timeweight_oracle.py meter' WITH (FORMAT csv)
SELECT e.rollover, e.max_rate,
	abs(delta(s) - e.delta) <= 1e-9 * abs(e.delta) AS delta_ok,
	reset_count(s) = e.resets AS resets_ok, rollover_count(s) = e.rollovers AS rollovers_ok,
	rejected_count(s) = e.rejected AS rejected_ok,
	s = (SELECT meter_agg(ts, value, e.rollover, e.max_rate) FROM (SELECT * FROM m_data ORDER BY random()) r) AS order_independent,
	abs(delta(s) - delta(d)) <= 1e-9 * abs(e.delta) AS daily_rollup_ok
FROM m_expect e
CROSS JOIN LATERAL (SELECT meter_agg(ts, value, e.rollover, e.max_rate) s FROM m_data) x
CROSS JOIN LATERAL (SELECT rollup(s) d FROM (SELECT meter_agg(ts, value, e.rollover, e.max_rate) s
	FROM m_data GROUP BY date_trunc('day', ts)) y) z
ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
