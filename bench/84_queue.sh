#!/usr/bin/env bash
# bench/84_queue.sh: the calculation queue's throughput against calculate()
# called directly, in the same run (issue #12):
#   - baseline: one session calls calculate() for K one-day periods of
#     plant-001, one after the other (one core);
#   - queue: K one-day periods of plant-002 enqueued, then N sessions
#     (N = cores) run run_pending(10) in a loop, each call its own
#     transaction, as the background workers do; throughput per core;
#   - cache: the same K requests enqueued again and answered from the
#     stored results (provenance hash equal: reused).
# Printed as total ms and calculations per second per core; the ratio is
# per-core throughput against the baseline's. The rows it made are deleted.
# Env: PGHOST, PGPORT, PGUSER, PGDATABASE (scripts/bench.sh sets them).
set -euo pipefail
K=${QUEUE_K:-200}
N=$(nproc)

read -r from < <(psql -X -At -c "SELECT extract(epoch FROM date_trunc('day', min(\"timestamp\")) + interval '1 day')::bigint
	FROM public.energy_readings WHERE facility_id = 'plant-001'")
mark=$(psql -X -At -c "SELECT coalesce(max(calculation_id), 0) FROM thermaliq.calculations")
# As bench/75_baseline.sh: at most SIZEs the bench plant samples heat_out
# further apart than the default max_gap (15 min); plant-001 and plant-002
# get 3x the mean spacing for this bench (removed again at the end).
had=$(psql -X -At -c "SELECT count(*) FROM thermaliq.facility_settings WHERE facility_id IN ('plant-001', 'plant-002')")
if [ "$had" = 0 ]; then
	psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO thermaliq.facility_settings (facility_id, max_gap)
	SELECT f, least(interval '31 days', greatest(interval '15 minutes', g.gap))
	FROM unnest(ARRAY['plant-001', 'plant-002']) f,
		(SELECT 3 * (max(\"timestamp\") - min(\"timestamp\")) / count(*) AS gap FROM public.energy_readings
		 WHERE facility_id = 'plant-001' AND meter_id = 'heat_out') g"
fi
cleanup84() {
	psql -X -q -c "DELETE FROM thermaliq.calculations WHERE calculation_id > $mark" || true
	if [ "$had" = 0 ]; then
		psql -X -q -c "DELETE FROM thermaliq.facility_settings WHERE facility_id IN ('plant-001', 'plant-002')" || true
	fi
}
trap cleanup84 EXIT

now_ms() { date +%s%3N; }
periods="FROM generate_series(0, $K - 1) k, LATERAL (SELECT to_timestamp($from) + k * interval '1 day' AS t0) p"

t0=$(now_ms)
psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT count(thermaliq.calculate('plant-001', t0, t0 + interval '1 day')) $periods" >/dev/null
direct=$(( $(now_ms) - t0 ))

drain() {
	local pids=() i
	for i in $(seq 1 "$N"); do
		psql -X -q -v ON_ERROR_STOP=1 -c 'DO $$ BEGIN LOOP EXIT WHEN thermaliq.run_pending(10) = 0; COMMIT; END LOOP; END $$' &
		pids+=($!)
	done
	for i in "${pids[@]}"; do wait "$i"; done
}
psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT count(thermaliq.enqueue('plant-002', t0, t0 + interval '1 day')) $periods" >/dev/null
t0=$(now_ms)
drain
queued=$(( $(now_ms) - t0 ))
psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT count(thermaliq.enqueue('plant-002', t0, t0 + interval '1 day')) $periods" >/dev/null
t0=$(now_ms)
drain
cached=$(( $(now_ms) - t0 ))
check=$(psql -X -At -c "SELECT count(*) FILTER (WHERE status = 'completed') || '/' || count(*) || ' completed, '
	|| count(reused_from) || ' reused' FROM thermaliq.calculations WHERE calculation_id > $mark")

rate() { awk -v k="$K" -v ms="$1" -v n="$2" 'BEGIN { if (ms > 0) printf "%.1f", k * 1000 / ms / n; else print "" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }
r0=$(rate "$direct" 1)
r1=$(rate "$queued" "$N")
r2=$(rate "$cached" "$N")
echo "| calculate() x $K one-day periods, one session: $r0 calculations/s/core (baseline of the rows below; their ratio is per-core throughput against it, higher is better) | $direct | 1.00 |"
echo "| queue: enqueue() x $K + $N sessions of run_pending(10): $r1 calculations/s/core | $queued | $(ratio "$r1" "$r0") |"
echo "| queue, the same $K again, answered from the result cache: $r2 calculations/s/core ($check) | $cached | $(ratio "$r2" "$r0") |"
