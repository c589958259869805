#!/usr/bin/env bash
# bench/40_if97.sh: IAPWS-IF97 property calls per second in SQL against
# Debian's python3-iapws (IAPWS97 class, the baseline), same states: a grid
# over regions 1, 2, 3 and 5. SQL runs N calls per query (N = IF97_CALLS,
# default 200000); python runs M calls (IF97_PY_CALLS, default 2000) and is
# scaled to N. Median of 5 runs each. Prints markdown rows
# "| what | median ms | ratio vs baseline |".
set -euo pipefail
N=${IF97_CALLS:-200000}
M=${IF97_PY_CALLS:-2000}
RUNS=5

# (p, T) of call i of n: p 0.1..30 MPa log-spaced, T 300..1500 K; the
# same formula in SQL and python so both compute the same states.
# float8 arithmetic throughout (numeric ^ would cost more than IF97 itself).
sql_pt="SELECT sum((thermaliq.if97_pt(0.1 * power(300::float8, (i % 97) / 96.0::float8), 300 + 1200 * ((i * 7919) % 1000) / 999.0::float8)).h)
	FROM generate_series(0, $N - 1) AS i"
sql_ph="SELECT sum((thermaliq.if97_ph(0.1 * power(300::float8, (i % 97) / 96.0::float8), 200 + 3000 * ((i * 7919) % 1000) / 999.0::float8)).t_k)
	FROM generate_series(0, $N - 1) AS i"

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# Wall time of one psql query in ms (connection included: ~ms, vs seconds)
time_sql() {
	local t0 t1
	t0=$(date +%s%N)
	psql -X -q -At -c "$1" >/dev/null
	t1=$(date +%s%N)
	echo "scale=3; ($t1 - $t0) / 1000000" | bc
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

psql -X -q -At -c "$sql_pt" >/dev/null	# warm up: load the library
for kind in pt ph; do
	q=sql_$kind
	ours=$(for _ in $(seq $RUNS); do time_sql "${!q}"; done | median)
	base=$(for _ in $(seq 3); do time_py $kind; done | median)
	ratio=$(echo "scale=1; $base / $ours" | bc)
	printf '| python3-iapws IAPWS97(P, %s) x %d (baseline, %d timed and scaled) | %.1f | 1.0 |\n' \
		"$([ $kind = pt ] && echo T || echo h)" "$N" "$M" "$base"
	printf '| thermaliq.if97_%s() x %d in SQL | %.1f | %sx faster |\n' "$kind" "$N" "$ours" "$ratio"
done
