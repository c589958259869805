#!/usr/bin/env bash
# bench/70_analyze.sh: analyze() for all 100 facilities of the bench fleet
# over one day, against a baseline measured in the same run: a plain scan of
# the same day's readings (count and sum per facility). Also the pieces:
# efficiency_series (one bucket) and provenance_hash. Median of RUNS runs.
# Env: PGHOST/PGPORT/PGUSER/PGDATABASE (scripts/bench.sh sets them).
# Small SIZEs sample the fleet sparsely; so that the facilities integrate at
# every SIZE, the run sets max_gap to 6 hours in a transaction it rolls back.
set -euo pipefail
RUNS=${RUNS:-5}
psql -X -q -At -v ON_ERROR_STOP=1 -v runs="$RUNS" <<'SQL'
SET client_min_messages = warning;
BEGIN;
INSERT INTO thermaliq.facility_settings (facility_id, max_gap)
SELECT facility_id, interval '6 hours' FROM thermaliq.facilities WHERE facility_id LIKE 'plant-%'
ON CONFLICT (facility_id) DO UPDATE SET max_gap = EXCLUDED.max_gap;
CREATE FUNCTION pg_temp.bench(p_query text, p_runs int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	v_t0 timestamptz;
	v_ms float8[] := '{}';
BEGIN
	FOR i IN 1 .. p_runs LOOP
		v_t0 := clock_timestamp();
		EXECUTE p_query;
		v_ms := v_ms || (extract(epoch FROM clock_timestamp() - v_t0) * 1000)::float8;
	END LOOP;
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(v_ms) x);
END $$;
-- one full day, three days back (inside every bench data set)
SELECT date_trunc('day', now() - interval '3 days') AS d \gset
CREATE TEMP TABLE q(ord int, what text, sql text);
INSERT INTO q VALUES
	(1, '70 baseline: scan of 1 day of readings, 100 facilities (count, sum)',
	 format($q$SELECT facility_id, count(*), sum(value) FROM public.energy_readings
	   WHERE "timestamp" >= %L AND "timestamp" < %L::timestamptz + interval '1 day' GROUP BY facility_id$q$, :'d', :'d')),
	(2, '70 efficiency_series, 100 facilities x 1 day (one bucket)',
	 format($q$SELECT f.facility_id, s.* FROM thermaliq.facilities f,
	   thermaliq.efficiency_series(f.facility_id, %L, %L::timestamptz + interval '1 day', interval '1 day') s
	   WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d')),
	(3, '70 provenance_hash, 100 facilities x 1 day',
	 format($q$SELECT thermaliq.provenance_hash(f.facility_id, %L, %L::timestamptz + interval '1 day')
	   FROM thermaliq.facilities f WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d')),
	(4, '70 analyze, 100 facilities x 1 day',
	 format($q$SELECT thermaliq.analyze(f.facility_id, %L, %L::timestamptz + interval '1 day')
	   FROM thermaliq.facilities f WHERE f.facility_id LIKE 'plant-%%'$q$, :'d', :'d'));
-- warm the cache once
SELECT pg_temp.bench(sql, 1) FROM q ORDER BY ord \g /dev/null
CREATE TEMP TABLE r AS SELECT ord, what, pg_temp.bench(sql, :runs) AS ms FROM q;
SELECT format('| %s | %s | %s |', what, round(ms::numeric, 1),
	round((ms / (SELECT ms FROM r WHERE ord = 1))::numeric, 2))
FROM r ORDER BY ord;
ROLLBACK;
SQL
