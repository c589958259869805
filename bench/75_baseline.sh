#!/usr/bin/env bash
# bench/75_baseline.sh: thermaliq.baseline() for the 100-facility fleet over
# a year of daily buckets (driver useful_output), against fetching the same
# daily values (efficiency_series, per facility) into Python with psycopg
# and fitting with numpy, in the same run:
#   - 2p: baseline(..., '2p') vs numpy lstsq of the same buckets (coverage
#     filter, scaling, CV(RMSE), NMBE);
#   - auto: baseline(..., 'auto') (2p, 3ph, 3pc, 4p, 5p at the exact
#     optimum) vs numpy trying 2p, 3ph, 3pc and 4p with the change point at
#     every distinct x (one lstsq each; no 5p: its pairs are K^2/2 lstsq).
# The fetch alone is a row too: the Python side's share that is data.
# Env: PGHOST, PGPORT, PGUSER, PGDATABASE (scripts/bench.sh sets them).
set -euo pipefail
RUNS=${RUNS:-3}

read -r from to nfac < <(psql -X -At -F ' ' -c "
	SELECT extract(epoch FROM date_trunc('day', min(\"timestamp\")) + interval '1 day')::bigint,
		extract(epoch FROM date_trunc('day', max(\"timestamp\")))::bigint,
		(SELECT count(*) FROM thermaliq.facilities WHERE facility_id LIKE 'plant-%')
	FROM public.energy_readings WHERE facility_id = 'plant-001'")
days=$(( (to - from) / 86400 ))

# The bench plant samples heat_out every 0.5 p_sample_interval, which at
# most SIZEs is longer than the default max_gap (15 min): every bucket
# would be uncovered. For this bench the fleet's max_gap is 3x the mean
# heat_out spacing (facility_settings rows, removed again at the end).
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO thermaliq.facility_settings (facility_id, max_gap)
SELECT f.facility_id, least(interval '31 days', greatest(interval '15 minutes', g.gap))
FROM thermaliq.facilities f,
	(SELECT 3 * (max("timestamp") - min("timestamp")) / count(*) AS gap FROM public.energy_readings
	 WHERE facility_id = 'plant-001' AND meter_id = 'heat_out') g
WHERE f.facility_id LIKE 'plant-%'
ON CONFLICT (facility_id) DO NOTHING;
SQL
cleanup75() {
	psql -X -q -c "DELETE FROM thermaliq.facility_settings WHERE facility_id LIKE 'plant-%' AND radiation_loss_pct = 1.0
		AND max_gap <> interval '15 minutes'" || true
}
trap cleanup75 EXIT
used=$(psql -X -At -c "SELECT thermaliq.baseline('plant-001', to_timestamp($from), to_timestamp($to), '1 day', 'useful_output', '2p')->>'buckets_used'")

. "$(dirname "$0")/lib.sh"   # median_sql

fleet="FROM thermaliq.facilities f WHERE f.facility_id LIKE 'plant-%'"
range="to_timestamp($from), to_timestamp($to)"
ours2=$(median_sql "SELECT count(thermaliq.baseline(f.facility_id, $range, '1 day', 'useful_output', '2p')) $fleet" | tail -1)
oursa=$(median_sql "SELECT count(thermaliq.baseline(f.facility_id, $range, '1 day', 'useful_output', 'auto')) $fleet" | tail -1)

py() {
	/usr/bin/python3 - "$from" "$to" "$RUNS" "$1" <<'PY' 2>/dev/null || echo ""
import statistics, sys, time
import numpy as np, psycopg
frm, to, runs, what = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def lstsq(a, y):
    b, *_ = np.linalg.lstsq(a, y, rcond=None)
    r = y - a @ b
    return b, float(r @ r), r

def stats(y, sse, r, p):
    n, m = len(y), y.mean()
    return 100 * (sse / (n - p)) ** 0.5 / m, 100 * r.sum() / ((n - p) * m)

def fit(x, y):
    one = np.ones_like(x)
    b, sse, r = lstsq(np.column_stack([one, x]), y)
    best = (stats(y, sse, r, 2)[0], '2p')
    if what == 'auto':
        for c in np.unique(x)[1:-1]:
            for name, cols, p in (('3ph', [np.maximum(c - x, 0)], 3), ('3pc', [np.maximum(x - c, 0)], 3),
                                  ('4p', [np.minimum(x - c, 0), np.maximum(x - c, 0)], 4)):
                b, sse, r = lstsq(np.column_stack([one] + cols), y)
                cv = stats(y, sse, r, p)[0]
                if cv < best[0]:
                    best = (cv, name)
    return best

def once(conn):
    for (fac,) in conn.execute("SELECT facility_id FROM thermaliq.facilities WHERE facility_id LIKE 'plant-%' ORDER BY 1").fetchall():
        rows = conn.execute(
            "SELECT e.fuel_input_kwh, e.useful_output_kwh, e.coverage_pct FROM thermaliq.efficiency_series("
            "%s, to_timestamp(%s), to_timestamp(%s), '1 day') e", (fac, frm, to)).fetchall()
        if what == 'fetch':
            continue
        a = np.array([[f if f is not None else np.nan, u if u is not None else np.nan, c if c is not None else 0.0]
                      for f, u, c in rows], dtype=float)
        a = a[(a[:, 2] >= 90) & np.isfinite(a[:, 0]) & np.isfinite(a[:, 1])]
        fit(a[:, 1] * 100 / a[:, 2], a[:, 0] * 100 / a[:, 2])

with psycopg.connect() as conn:
    once(conn)
    t = []
    for _ in range(runs):
        t0 = time.perf_counter(); once(conn); t.append((time.perf_counter() - t0) * 1000)
print(f"{statistics.median(t):.2f}")
PY
}
pyfetch=$(py fetch)
py2=$(py 2p)
pya=$(py auto)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }
echo "| baseline(), $nfac facilities x $days daily buckets ($used used), 2p | $ours2 | $(ratio "$ours2" "$py2") |"
if [ -n "$py2" ]; then
	echo "| Python: fetch the same daily values (psycopg) + numpy 2p fit (baseline of the row above) | $py2 | 1.00 |"
	echo "| Python: the fetch alone (efficiency_series per facility) | $pyfetch | $(ratio "$pyfetch" "$py2") |"
fi
echo "| baseline(), $nfac facilities x $days daily buckets, auto (5 models, exact change points) | $oursa | $(ratio "$oursa" "$pya") |"
if [ -n "$pya" ]; then
	echo "| Python: fetch + numpy 2p/3ph/3pc/4p, change point at every distinct x (baseline of the row above) | $pya | 1.00 |"
fi
