#!/usr/bin/env bash
# bench/70_analyze.sh: analyze() and calculate(), each against a baseline
# measured in the same run on the same rows, `count(*), sum(value)`:
#   - one facility period of about 50,000 readings (all five meter kinds of
#     the synthetic plant over 7 days; the acceptance target of issue #9 is
#     analyze at most 2x the scan);
#   - the 100-facility fleet day (target at most 3x the scan of that day);
# plus the pieces on the fleet day: efficiency_series (one bucket) and
# provenance_hash. Median of RUNS interleaved runs after one warm-up run.
# Env: PGHOST/PGPORT/PGUSER/PGDATABASE (scripts/bench.sh sets them).
# Small SIZEs sample the fleet sparsely; so that the facilities integrate at
# every SIZE, the run sets max_gap to 6 hours in a transaction it rolls back.
set -euo pipefail
RUNS=${RUNS:-5}

psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
SET client_min_messages = warning;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM thermaliq.facilities WHERE facility_id = 'bench50a-001') THEN
		-- 7.7 rows per p_sample_interval (gas 4, heat 2, elec 1, O2 0.5, flue
		-- gas temperature 0.2): 93.1 s for 50,000 rows in 7 days; a day either
		-- side for the edge samples.
		PERFORM thermaliq.generate_plant(1, date_trunc('hour', now()) - interval '9 days',
			date_trunc('hour', now()) - interval '1 day', 'public.energy_readings'::regclass,
			p_sample_interval := make_interval(secs => 7 * 86400 * 7.7 / 50000.0),
			p_prefix := 'bench50a', p_meters := ARRAY['gas_flow', 'heat_out', 'elec', 'fg_temp', 'fg_o2']);
	END IF;
END
$$;
VACUUM (ANALYZE) public.energy_readings;
SQL

psql -X -q -At -v ON_ERROR_STOP=1 -v runs="$RUNS" <<'SQL'
SET client_min_messages = warning;
BEGIN;
INSERT INTO thermaliq.facility_settings (facility_id, max_gap)
SELECT facility_id, interval '6 hours' FROM thermaliq.facilities WHERE facility_id LIKE 'plant-%'
ON CONFLICT (facility_id) DO UPDATE SET max_gap = EXCLUDED.max_gap;
-- Interleaved: run i times every query once, in order, so that a query and
-- its baseline see the same machine (on a shared VM the speed drifts by
-- 20-50 % over seconds; blocks of one query after another put that drift
-- into the ratios). Median per query.
CREATE FUNCTION pg_temp.bench_all(p_runs int) RETURNS TABLE(ord int, ms float8) LANGUAGE plpgsql AS $$
DECLARE
	v_t0 timestamptz;
	v_q record;
BEGIN
	CREATE TEMP TABLE t(ord int, ms float8);
	FOR i IN 1 .. p_runs LOOP
		FOR v_q IN SELECT q.ord, q.sql FROM q ORDER BY q.ord LOOP
			v_t0 := clock_timestamp();
			EXECUTE v_q.sql;
			INSERT INTO t VALUES (v_q.ord, extract(epoch FROM clock_timestamp() - v_t0) * 1000);
		END LOOP;
	END LOOP;
	RETURN QUERY SELECT t.ord, percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) FROM t GROUP BY t.ord;
END $$;
-- the fleet day: one full day, three days back (inside every bench data set)
SELECT date_trunc('day', now() - interval '3 days') AS d \gset
-- the 50k period: the 7 days in the middle of bench50a-001's readings
SELECT min("timestamp") + interval '1 day' AS f, min("timestamp") + interval '8 days' AS t
FROM public.energy_readings WHERE facility_id = 'bench50a-001' \gset
SELECT count(*) AS n50 FROM public.energy_readings
WHERE facility_id = 'bench50a-001' AND "timestamp" >= :'f' AND "timestamp" < :'t' \gset
SELECT count(*) AS nday FROM public.energy_readings
WHERE facility_id LIKE 'plant-%' AND "timestamp" >= :'d' AND "timestamp" < :'d'::timestamptz + interval '1 day' \gset
CREATE TEMP TABLE q(ord int, base int, what text, sql text);
INSERT INTO q VALUES
	(1, 1, format('70 baseline: count(*), sum(value) of 1 facility, 7 days (%s readings)', :'n50'),
	 format($q$SELECT count(*), sum(value) FROM public.energy_readings
	   WHERE facility_id = 'bench50a-001' AND "timestamp" >= %L AND "timestamp" < %L$q$, :'f', :'t')),
	(2, 1, '70 analyze, 1 facility, 7 days (same rows)',
	 format($q$SELECT thermaliq.analyze('bench50a-001', %L, %L)$q$, :'f', :'t')),
	(3, 1, '70 calculate, 1 facility, 7 days (same rows)',
	 format($q$SELECT thermaliq.calculate('bench50a-001', %L, %L)$q$, :'f', :'t')),
	(4, 4, format('70 baseline: count(*), sum(value) of 1 day, 100 facilities (%s readings)', :'nday'),
	 format($q$SELECT facility_id, count(*), sum(value) FROM public.energy_readings
	   WHERE facility_id LIKE 'plant-%%' AND "timestamp" >= %L AND "timestamp" < %L::timestamptz + interval '1 day'
	   GROUP BY facility_id$q$, :'d', :'d')),
	(5, 4, '70 analyze, 100 facilities x 1 day',
	 format($q$SELECT thermaliq.analyze(f.facility_id, %L, %L::timestamptz + interval '1 day')
	   FROM thermaliq.facilities f WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d')),
	(6, 4, '70 calculate, 100 facilities x 1 day',
	 format($q$SELECT thermaliq.calculate(f.facility_id, %L, %L::timestamptz + interval '1 day')
	   FROM thermaliq.facilities f WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d')),
	(7, 4, '70 efficiency_series, 100 facilities x 1 day (one bucket)',
	 format($q$SELECT f.facility_id, s.* FROM thermaliq.facilities f,
	   thermaliq.efficiency_series(f.facility_id, %L, %L::timestamptz + interval '1 day', interval '1 day') s
	   WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d')),
	(8, 4, '70 provenance_hash, 100 facilities x 1 day',
	 format($q$SELECT thermaliq.provenance_hash(f.facility_id, %L, %L::timestamptz + interval '1 day')
	   FROM thermaliq.facilities f WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d'));
-- warm the cache once
SELECT * FROM pg_temp.bench_all(1) \g /dev/null
DROP TABLE t;
CREATE TEMP TABLE r AS SELECT q.ord, q.base, q.what, b.ms FROM q JOIN pg_temp.bench_all(:runs) b USING (ord);
SELECT format('| %s | %s | %s |', r.what, round(r.ms::numeric, 1),
	round((r.ms / b.ms)::numeric, 2))
FROM r JOIN r b ON b.ord = r.base ORDER BY r.ord;
ROLLBACK;
SQL
