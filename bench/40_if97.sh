#!/usr/bin/env bash
# bench/40_if97.sh: IAPWS-IF97 property calls per second in SQL against
# Debian's python3-iapws (IAPWS97 class, the baseline), same states: a grid
# over regions 1, 2, 3 and 5. SQL runs N calls per query (N = IF97_CALLS,
# default 200000); python runs M calls (IF97_PY_CALLS, default 2000) and is
# scaled to N. Median of 5 runs (SQL, one session, one core) and 3 runs
# (python). Prints markdown rows
# "| what | median ms | ratio vs baseline |".
set -euo pipefail
N=${IF97_CALLS:-200000}
M=${IF97_PY_CALLS:-2000}
RUNS=5

# (p, T) and (p, h) of call i: p 0.1..30 MPa log-spaced, T 300..1500 K,
# h 200..3200 kJ/kg; the same formulas in SQL and python, both build their
# inputs before the clock starts, so only the property calls are timed.
tab=bench_if97_points
cleanup_points() { psql -X -q -c "DROP TABLE IF EXISTS $tab" >/dev/null 2>&1 || true; }
trap cleanup_points EXIT
psql -X -q -v ON_ERROR_STOP=1 <<-SQL
	SET client_min_messages = warning;
	DROP TABLE IF EXISTS $tab;
	CREATE UNLOGGED TABLE $tab AS
	SELECT 0.1 * power(300::float8, (i % 97) / 96.0::float8) AS p,
		300 + 1200 * ((i * 7919) % 1000) / 999.0::float8 AS t,
		200 + 3000 * ((i * 7919) % 1000) / 999.0::float8 AS h
	FROM generate_series(0, $N - 1) AS i;
	VACUUM ANALYZE $tab;
SQL
sql_pt="SELECT sum((thermaliq.if97_pt(p, t)).h) FROM $tab"
sql_ph="SELECT sum((thermaliq.if97_ph(p, h)).t_k) FROM $tab"

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# Server-side times (ms) of RUNS executions of a query in one session, one
# core (no parallel workers: python runs on one core too)
time_sql() {
	{
		echo "SET max_parallel_workers_per_gather = 0;"
		echo "$1;"	# warm-up: library load, cache
		echo '\timing on'
		for _ in $(seq $RUNS); do echo "$1;"; done
	} | psql -X -q -At 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}

# Time of M python calls scaled to N, in ms
time_py() {
	/usr/bin/python3 - "$1" "$M" "$N" <<-'PY'
	import sys, time, warnings
	from iapws import IAPWS97
	warnings.simplefilter("ignore")
	kind, m, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
	args = []
	for i in range(m):
	    p = 0.1 * 300 ** ((i % 97) / 96.0)
	    if kind == "pt":
	        args.append({"P": p, "T": 300 + 1200 * ((i * 7919) % 1000) / 999.0})
	    else:
	        args.append({"P": p, "h": 200 + 3000 * ((i * 7919) % 1000) / 999.0})
	t0 = time.perf_counter()
	for a in args:
	    try:
	        IAPWS97(**a)
	    except Exception:
	        pass
	t1 = time.perf_counter()
	print("%.3f" % ((t1 - t0) * 1000.0 * n / m))
	PY
}

for kind in pt ph; do
	q=sql_$kind
	ours=$(time_sql "${!q}" | median)
	base=$(for _ in $(seq 3); do time_py $kind; done | median)
	ratio=$(echo "scale=1; $base / $ours" | bc)
	printf '| python3-iapws IAPWS97(P, %s) x %d (baseline, %d timed and scaled) | %.1f | 1.0 |\n' \
		"$([ $kind = pt ] && echo T || echo h)" "$N" "$M" "$base"
	printf '| thermaliq.if97_%s() x %d in SQL | %.1f | %sx faster |\n' "$kind" "$N" "$ours" "$ratio"
done
