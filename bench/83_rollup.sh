#!/usr/bin/env bash
# bench/83_rollup.sh: the refresh of a month's hourly rollup of 3 facilities
# (issue 12) against the same aggregate query run directly, both at
# PostgreSQL's default work_mem (4MB), measured in the same run:
#   - baseline: SELECT ... GROUP BY facility, meter, hour with time_weight /
#     meter_agg over the month's rows (what a hand-written rollup view runs);
#   - refresh_rollup(p_full): REFRESH MATERIALIZED VIEW CONCURRENTLY of the
#     rollup create_rollup made (summaries and energies, and the diff);
#   - refresh_rollup(): the job's call when the horizon did not move;
#   - the live tail: today's buckets read through the view.
# Its own readings table public.bench83_readings: 3 facilities x 3 meters
# (gas and steam kW, an electricity counter), 1-minute samples from 30 days
# before today until now (about 400,000 rows), kept between runs.
# Env: PGHOST, PGPORT, PGUSER, PGDATABASE (scripts/bench.sh sets them).
set -euo pipefail
RUNS=${RUNS:-5}
export PGOPTIONS="${PGOPTIONS:-} -c work_mem=4MB -c client_min_messages=warning"

psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$
DECLARE
	v_today bigint := 0;
BEGIN
	-- regenerated on another day: the tail is today's rows
	IF to_regclass('public.bench83_readings') IS NOT NULL THEN
		EXECUTE 'SELECT count(*) FROM (SELECT 1 FROM public.bench83_readings WHERE "timestamp" >= thermaliq.time_bucket(''1 day'', now()) LIMIT 1) x'
			INTO v_today;
	END IF;
	IF v_today = 0 THEN
		PERFORM thermaliq.drop_rollup(rollup_name) FROM thermaliq.rollups WHERE rollup_name = 'public.bench83_h';
		DROP TABLE IF EXISTS public.bench83_readings;
		CREATE TABLE public.bench83_readings (facility_id text NOT NULL, meter_id text NOT NULL,
			"timestamp" timestamptz NOT NULL, value float8, unit text NOT NULL, quality smallint NOT NULL DEFAULT 0);
		DELETE FROM thermaliq.facilities WHERE facility_id LIKE 'bench83-%';
		INSERT INTO thermaliq.facilities (facility_id) SELECT 'bench83-' || i FROM generate_series(1, 3) i;
		INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
		SELECT 'bench83-' || i, m, r, k, u, CASE WHEN r = 'fuel_input' THEN 'natural_gas' END, CASE WHEN r = 'fuel_input' THEN 'lhv' END
		FROM generate_series(1, 3) i, (VALUES ('gas', 'fuel_input', 'rate', 'kW'), ('steam', 'heat_output', 'rate', 'kW'),
			('el', 'electric_input', 'counter', 'kWh')) v(m, r, k, u);
		INSERT INTO public.bench83_readings (facility_id, meter_id, "timestamp", value, unit)
		SELECT f, m, t, CASE m WHEN 'gas' THEN 100 + 10 * sin(extract(epoch FROM t) / 3600)
			WHEN 'steam' THEN 80 + 5 * cos(extract(epoch FROM t) / 5400)
			ELSE extract(epoch FROM t - (now() - interval '30 days')) / 60 END,
			CASE m WHEN 'el' THEN 'kWh' ELSE 'kW' END
		FROM unnest(ARRAY['bench83-1', 'bench83-2', 'bench83-3']) f, unnest(ARRAY['gas', 'steam', 'el']) m,
			generate_series(thermaliq.time_bucket('1 day', now()) - interval '30 days', now(), '1 minute') t;
		CREATE INDEX ON public.bench83_readings (facility_id, meter_id, "timestamp") INCLUDE (value);
		CREATE INDEX ON public.bench83_readings (facility_id, "timestamp" DESC) INCLUDE (value, unit, quality);
	END IF;
	IF to_regclass('public.bench83_h') IS NULL THEN
		PERFORM thermaliq.create_rollup('public.bench83_h', '1 hour', 'public.bench83_readings');
	END IF;
END
$$;
VACUUM (ANALYZE) public.bench83_readings;
SQL

. "$(dirname "$0")/lib.sh"   # median_sql

read -r rows hist tail < <(psql -X -At -F ' ' -c "
	SELECT (SELECT count(*) FROM public.bench83_readings WHERE \"timestamp\" < horizon),
		(SELECT count(*) FROM public.bench83_h), (SELECT count(*) FROM public.bench83_h_v WHERE bucket_start >= horizon)
	FROM thermaliq.rollups WHERE rollup_name = 'public.bench83_h'")

direct="SELECT count(*) FROM (SELECT r.facility_id, r.meter_id, thermaliq.time_bucket('1 hour', r.\"timestamp\"),
	thermaliq.time_weight(r.\"timestamp\", r.value, 'linear', '15 minutes') FILTER (WHERE m.kind = 'rate'),
	thermaliq.meter_agg(r.\"timestamp\", r.value) FILTER (WHERE m.kind = 'counter')
	FROM public.bench83_readings r JOIN thermaliq.meters m USING (facility_id, meter_id)
	WHERE r.quality < 2 AND r.\"timestamp\" < (SELECT horizon FROM thermaliq.rollups WHERE rollup_name = 'public.bench83_h')
	GROUP BY 1, 2, 3) x"
base=$(median_sql "$direct" | tail -1)
full=$(median_sql "SELECT thermaliq.refresh_rollup('public.bench83_h', true)" | tail -1)
noop=$(median_sql "SELECT thermaliq.refresh_rollup('public.bench83_h')" | tail -1)
live=$(median_sql "SELECT count(*), sum(energy_kwh) FROM public.bench83_h_v WHERE bucket_start >= (SELECT horizon FROM thermaliq.rollups WHERE rollup_name = 'public.bench83_h')" | tail -1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }
echo "| direct GROUP BY hour time_weight/meter_agg, 3 facilities, a month, $rows readings, work_mem 4MB (baseline) | $base | 1.00 |"
echo "| refresh_rollup(p_full): REFRESH CONCURRENTLY of that month's hourly rollup ($hist rows, with energies) | $full | $(ratio "$full" "$base") |"
echo "| refresh_rollup() when the horizon did not move (the 15-minute job) | $noop | $(ratio "$noop" "$base") |"
echo "| the live tail through the view: today's $tail buckets | $live | $(ratio "$live" "$base") |"
