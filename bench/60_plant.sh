#!/usr/bin/env bash
# bench/60_plant.sh: efficiency_series for one facility over ~50,000 readings
# (gas, heat, electricity over 7 days), hourly buckets, against two
# baselines measured in the same run on the same rows:
#   - SQL: count(*) and sum(value) over those rows (the least any reader does);
#   - Python: what the old service did, fetch the rows with psycopg, then
#     pandas: sort, drop bad rows, dedup, interpolate at the bucket edges
#     and integrate per meter (/usr/bin/python3, numpy, pandas).
# Env: PGHOST, PGPORT, PGUSER, PGDATABASE (scripts/bench.sh sets them).
set -euo pipefail
RUNS=${RUNS:-15}

psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
SET client_min_messages = warning;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM thermaliq.facilities WHERE facility_id = 'bench50k-001') THEN
		-- 7 rows per p_sample_interval (gas 4, heat 2, elec 1): 84.7 s for
		-- 50,000 rows in 7 days; a day either side for the edge samples.
		PERFORM thermaliq.generate_plant(1, date_trunc('hour', now()) - interval '9 days',
			date_trunc('hour', now()) - interval '1 day', 'public.energy_readings'::regclass,
			p_sample_interval := make_interval(secs => 7 * 86400 * 7 / 50000.0),
			p_prefix := 'bench50k', p_meters := ARRAY['gas_flow', 'heat_out', 'elec']);
	END IF;
END
$$;
VACUUM (ANALYZE) public.energy_readings;
SQL

# the range: the 7 days in the middle
read -r from to rows < <(psql -X -At -F ' ' -c "
	SELECT extract(epoch FROM a)::bigint, extract(epoch FROM a + interval '7 days')::bigint,
		(SELECT count(*) FROM public.energy_readings WHERE facility_id = 'bench50k-001'
		   AND \"timestamp\" >= a AND \"timestamp\" < a + interval '7 days')
	FROM (SELECT min(\"timestamp\") + interval '1 day' AS a FROM public.energy_readings
		  WHERE facility_id = 'bench50k-001') s")

. "$(dirname "$0")/lib.sh"   # median_sql

range="to_timestamp($from), to_timestamp($to)"
base=$(median_sql "SELECT count(*), sum(value) FROM public.energy_readings WHERE facility_id = 'bench50k-001' AND meter_id IN ('gas_flow', 'heat_out', 'elec') AND \"timestamp\" >= to_timestamp($from) AND \"timestamp\" < to_timestamp($to)" | tail -1)
ours=$(median_sql "SELECT count(*) FROM thermaliq.efficiency_series('bench50k-001', $range, '1 hour')" | tail -1)

py=$(/usr/bin/python3 - "$from" "$to" "$RUNS" <<'PY' 2>/dev/null || echo ""
import statistics, sys, time
import numpy as np, pandas as pd, psycopg
frm, to, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
units = {"kW": 1.0, "MW": 1000.0}
def once(conn):
    cur = conn.execute(
        "SELECT m.meter_id, m.role, extract(epoch FROM r.timestamp)::float8, r.value, r.unit, r.quality"
        " FROM public.energy_readings r JOIN thermaliq.meters m USING (facility_id, meter_id)"
        " LEFT JOIN thermaliq.fuels f ON f.fuel_id = m.fuel_id"
        " WHERE r.facility_id = 'bench50k-001' AND m.role IN ('fuel_input', 'electric_input', 'heat_output', 'steam_output', 'hot_water_output')"
        " AND r.timestamp >= to_timestamp(%s) - interval '15 minutes' AND r.timestamp < to_timestamp(%s) + interval '15 minutes'",
        (frm, to))
    df = pd.DataFrame(cur.fetchall(), columns=["meter", "role", "ts", "value", "unit", "quality"])
    edges = np.arange(frm, to + 1, 3600.0)
    out = {}
    for meter, g in df.groupby("meter"):
        g = g[(g.quality <= 1) & g.value.notna()]
        g = g.sort_values(["ts", "value"]).drop_duplicates("ts", keep="last")
        ts, v = g.ts.to_numpy(), g.value.to_numpy()
        grid = np.union1d(ts[(ts > frm) & (ts < to)], edges)
        vg = np.interp(grid, ts, v)
        cum = np.concatenate([[0.0], np.cumsum(np.diff(grid) * (vg[1:] + vg[:-1]) / 2)])
        out[meter] = np.diff(np.interp(edges, grid, cum)) / 3600.0
    return out
with psycopg.connect() as conn:
    once(conn)
    t = []
    for _ in range(runs):
        t0 = time.perf_counter(); once(conn); t.append((time.perf_counter() - t0) * 1000)
print(f"{statistics.median(t):.2f}")
PY
)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }
echo "| SQL count(*), sum(value) over the same $rows readings (baseline) | $base | 1.00 |"
echo "| efficiency_series, 1 facility, $rows readings, 7 days, hourly buckets | $ours | $(ratio "$ours" "$base") |"
if [ -n "$py" ]; then
	echo "| Python psycopg + pandas fetch-and-integrate (old service), same rows | $py | $(ratio "$py" "$base") |"
fi
