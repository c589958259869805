#!/usr/bin/env bash
# bench/30_timeweight.sh: time_weight() against the alternatives, one run.
#
# Rows (median of several runs, ratios measured in this run):
#   sum(value) GROUP BY facility, meter         the in-database scan limit
#   integral(time_weight(...)) same GROUP BY    ratio vs sum(value)
#   plain-SQL trapezoid with lag()              ratio vs time_weight
#   fetch into Python (psycopg) + pandas        ratio vs time_weight
#   one facility-day of 50,000 readings         end to end, client included
# Both grouped aggregates run serially (max_parallel_workers_per_gather = 0):
# time_weight has no COMBINEFUNC (exactness, API.md section 2) so it never
# runs in parallel; a parallel sum(value) is printed as an extra row.
#
# Data: public.energy_readings from the harness's plant generator when it
# holds readings, otherwise public.tw_bench_readings generated here with SIZE
# rows over 100 facilities x 4 meters (interleaved in time like a historian
# writes them: ORDER BY i, s). Env: PGHOST/PGPORT/PGUSER/PGDATABASE, SIZE.
# Note: without ORDER BY ts in the call, time_weight keeps a 16-byte log
# per reading (for exactness under out-of-order input, src/pg/tw_log.h).
# Its 1 MB blocks come from the backend's log cache (thermaliq.log_cache,
# default 256MB), so the timed runs after the warm-up reuse pages the
# backend already has; the row with log_cache = 0 shows the price of
# faulting the log in afresh every time. A physical layout clustered by
# series makes the hash aggregate exceed hash_mem while groups are still
# being created, and it spills (exact, but about 3x slower).
set -euo pipefail
SIZE=${SIZE:-10000000}
RUNS=${RUNS:-5}
PY=/usr/bin/python3

table=public.energy_readings
have=$(psql -X -At -c "SELECT to_regclass('public.energy_readings') IS NOT NULL AND EXISTS (SELECT 1 FROM public.energy_readings)" 2>/dev/null || echo f)
if [ "$have" != t ]; then
	table=public.tw_bench_readings
	n=-1
	if [ "$(psql -X -At -c "SELECT to_regclass('$table') IS NOT NULL")" = t ]; then
		n=$(psql -X -At -c "SELECT count(*) FROM $table")
	fi
	if [ "$n" != "$SIZE" ]; then
		echo "bench/30: generating $SIZE readings into $table" >&2
		psql -X -q -v ON_ERROR_STOP=1 -v size="$SIZE" <<-'SQL' >&2
			SET client_min_messages = warning;
			DROP TABLE IF EXISTS public.tw_bench_readings;
			CREATE TABLE public.tw_bench_readings (facility_id text NOT NULL, meter_id text NOT NULL,
				"timestamp" timestamptz NOT NULL, value float8);
			-- 400 series; sample i of series s at i minutes plus 0..19 s jitter
			INSERT INTO public.tw_bench_readings
			SELECT 'plant-' || lpad((s / 4)::text, 3, '0'),
				(ARRAY['gas_flow', 'heat_out', 'fg_temp', 'fg_o2'])[s % 4 + 1],
				date_trunc('day', now()) - interval '1 year'
					+ (i * 60 + abs(hashint4(i * 400 + s)) % 20) * interval '1 second',
				500 + 100 * sin(i / 300.0 + s) + (hashint4(i + s * 7) % 1000) / 100.0
			FROM generate_series(0, (:size / 400) - 1) i, generate_series(0, 399) s
			ORDER BY i, s;
			VACUUM (ANALYZE, FREEZE) public.tw_bench_readings;
		SQL
	fi
fi

# One facility-day of 50,000 readings (1.728 s apart), indexed like the
# readings table, for the end-to-end latency row.
psql -X -q -v ON_ERROR_STOP=1 <<-'SQL' >&2
	SET client_min_messages = warning;
	CREATE TABLE IF NOT EXISTS public.tw_bench_day (facility_id text NOT NULL, meter_id text NOT NULL,
		"timestamp" timestamptz NOT NULL, value float8);
	DO $$
	BEGIN
		IF (SELECT count(*) FROM public.tw_bench_day) <> 50000 THEN
			TRUNCATE public.tw_bench_day;
			INSERT INTO public.tw_bench_day
			SELECT 'plant-day', 'heat_out', timestamptz '2026-01-01' + i * interval '1728 milliseconds',
				800 + 200 * sin(i / 5000.0)
			FROM generate_series(0, 49999) i;
			CREATE INDEX IF NOT EXISTS tw_bench_day_idx ON public.tw_bench_day (facility_id, meter_id, "timestamp") INCLUDE (value);
		END IF;
	END
	$$;
	VACUUM (ANALYZE) public.tw_bench_day;
SQL

TABLE=$table RUNS=$RUNS exec "$PY" - <<'PY'
import os, statistics, time
import numpy as np
import pandas as pd
import psycopg

table = os.environ["TABLE"]
runs = int(os.environ["RUNS"])
conn = psycopg.connect(dbname=os.environ.get("PGDATABASE", "postgres"), autocommit=True)
cur = conn.cursor()
cur.execute("SET search_path = thermaliq, public")
cur.execute("SET max_parallel_workers_per_gather = 0")
cur.execute("SET work_mem = '64MB'")

def timed(sql, n=runs):
    cur.execute(sql)                      # warm-up (and plan cache)
    cur.fetchall()
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        cur.execute(sql)
        rows = cur.fetchall()
        ts.append((time.perf_counter() - t) * 1000)
    return statistics.median(ts), rows

q_sum = f"SELECT facility_id, meter_id, sum(value) FROM {table} GROUP BY 1, 2"
q_tw = f"""SELECT facility_id, meter_id, integral(time_weight("timestamp", value))
           FROM {table} GROUP BY 1, 2"""
q_lag = f"""SELECT facility_id, meter_id,
                sum((value + pv) / 2 * extract(epoch FROM "timestamp" - pt)) / 3600
            FROM (SELECT facility_id, meter_id, "timestamp", value,
                         lag(value) OVER w AS pv, lag("timestamp") OVER w AS pt
                  FROM {table} WHERE value IS NOT NULL
                  WINDOW w AS (PARTITION BY facility_id, meter_id ORDER BY "timestamp")) x
            GROUP BY 1, 2"""

def timed_pair(a, b, n=runs):
    """Alternates a and b so that load from elsewhere hits both alike."""
    for q in (a, b):
        cur.execute(q)
        cur.fetchall()
    ta, tb = [], []
    for _ in range(n):
        for q, acc in ((a, ta), (b, tb)):
            t = time.perf_counter()
            cur.execute(q)
            rows = cur.fetchall()
            acc.append((time.perf_counter() - t) * 1000)
            if q is b:
                rb = rows
    return statistics.median(ta), statistics.median(tb), rb

t_sum, t_tw, r_tw = timed_pair(q_sum, q_tw)
cur.execute("SET thermaliq.log_cache = 0")
t_sum0, t_tw0, _ = timed_pair(q_sum, q_tw)
cur.execute("RESET thermaliq.log_cache")
t_lag, r_lag = timed(q_lag, max(1, runs // 2))

# the service outside the database: fetch, then integrate with pandas
def python_path():
    t = time.perf_counter()
    with conn.cursor() as c:
        c.execute(f"""SELECT facility_id, meter_id, extract(epoch FROM "timestamp")::float8, value
                      FROM {table} WHERE value IS NOT NULL""")
        df = pd.DataFrame(c.fetchall(), columns=["f", "m", "t", "v"])
    df = df.sort_values(["f", "m", "t"])
    g = df.groupby(["f", "m"], sort=False)
    dt = g["t"].diff()
    area = (df["v"] + g["v"].shift()) / 2 * dt
    res = area.groupby([df["f"], df["m"]]).sum() / 3600
    return (time.perf_counter() - t) * 1000, res

py = [python_path() for _ in range(max(1, min(3, runs // 2)))]
t_py = statistics.median(p[0] for p in py)
res_py = py[0][1]

# agreement of the three answers; the generator re-sends 0.1 % of rate
# samples at the same timestamp with a 0.1 % different value: time_weight
# keeps the larger one, lag() and pandas keep both, hence ~1e-6
tw = {(f, m): v for f, m, v in r_tw}
lag = {(f, m): v for f, m, v in r_lag}
worst = max(max(abs(tw[k] - lag[k]) / max(abs(lag[k]), 1e-300) for k in tw),
            max(abs(tw[k] - res_py[k]) / max(abs(res_py[k]), 1e-300) for k in tw))

cur.execute("RESET max_parallel_workers_per_gather")
t_sum_par, _ = timed(q_sum)

q_day = """SELECT integral(time_weight("timestamp", value)) FROM public.tw_bench_day
           WHERE facility_id = 'plant-day' AND meter_id = 'heat_out'
             AND "timestamp" >= '2026-01-01' AND "timestamp" < '2026-01-02'"""
t_day, r_day = timed(q_day, max(runs, 11))
cur.execute(f"SELECT count(*) FROM {table}")
n = cur.fetchone()[0]

print(f"| 30 sum(value) GROUP BY facility, meter ({n} rows, serial; baseline) | {t_sum:.1f} | 1.00 |")
print(f"| 30 integral(time_weight(ts, value)) GROUP BY facility, meter (serial) | {t_tw:.1f} | {t_tw / t_sum:.2f} x sum |")
print(f"| 30 the same with thermaliq.log_cache = 0 (log pages faulted in afresh each run) | {t_tw0:.1f} | {t_tw0 / t_sum0:.2f} x sum |")
print(f"| 30 plain-SQL lag() trapezoid, same groups | {t_lag:.1f} | {t_lag / t_tw:.1f} x time_weight |")
print(f"| 30 fetch into Python (psycopg) + pandas trapezoid | {t_py:.1f} | {t_py / t_tw:.1f} x time_weight |")
print(f"| 30 sum(value) GROUP BY facility, meter, parallel allowed (for reference) | {t_sum_par:.1f} | {t_sum_par / t_sum:.2f} x serial sum |")
print(f"| 30 one facility-day, 50,000 readings, time_weight end to end | {t_day:.2f} | {t_day / t_tw:.4f} x grouped time_weight |")
print(f"| 30 worst relative difference time_weight vs lag() and pandas (they keep both rows of a re-sent timestamp) | {worst:.1e} | |")
PY
