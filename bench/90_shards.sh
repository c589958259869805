#!/usr/bin/env bash
# bench/90_shards.sh: the bench data set on one node against the same rows on
# a coordinator with two shards (deploy/shards/setup.sql), all on this
# machine: three more servers started here in $TQ_TMP/bench90 and stopped at
# the end. Rows:
#   - grouped time_weight per facility, and per facility and day: one node
#     (baseline) against the coordinator pushing the aggregate down
#     (partitionwise, async), and against the coordinator without pushdown
#     (every row crosses the network: what pushdown saves);
#   - efficiency_series and analyze of one facility: on its shard (baseline)
#     against the same call on the coordinator (routed whole to the shard,
#     only the result crosses) and against the coordinator reading the
#     shard's rows itself (the foreign partition as p_readings).
# On one 2-core machine the two shards share the cores of the single node, so
# the sharded/single ratio only checks that pushdown works (it should stay
# near 1 and far below the no-pushdown row); on separate machines each
# shard scans its own half, so the grouped aggregates scale with the number
# of shards until the coordinator's share (merging one row per group)
# dominates. Env: PGHOST/PGPORT/PGUSER/PGDATABASE (scripts/bench.sh sets
# them), TQ_TMP, TQ_BIN, TQ_PORT (scripts/env.sh).
set -euo pipefail
RUNS=${RUNS:-5}
cd "$(dirname "$0")/.."
base_db=$PGDATABASE
dir=$TQ_TMP/bench90
sock=$dir/sock
declare -A port=([coord]=$((TQ_PORT + 11)) [shard_a]=$((TQ_PORT + 12)) [shard_b]=$((TQ_PORT + 13)))

pgc() { runuser -u postgres -- "$TQ_BIN/pg_ctl" "$@"; }
stop_all() {
	for n in coord shard_a shard_b; do
		[ -f "$dir/$n/postmaster.pid" ] && pgc -D "$dir/$n" -m fast stop >/dev/null 2>&1 || true
	done
}
trap stop_all EXIT
stop_all
rm -rf "$dir"
install -d -o postgres -g postgres -m 700 "$dir" "$sock"
for n in coord shard_a shard_b; do
	runuser -u postgres -- "$TQ_BIN/initdb" -D "$dir/$n" -A trust -U postgres >/dev/null
	cat >> "$dir/$n/postgresql.conf" <<-CONF
		port = ${port[$n]}
		listen_addresses = ''
		unix_socket_directories = '$sock'
		shared_buffers = 256MB
		wal_level = logical
		max_wal_senders = 8
		max_replication_slots = 8
		log_min_messages = warning
	CONF
	pgc -D "$dir/$n" -l "$dir/$n.log" -w start >/dev/null
done
q() { local n=$1; shift; psql -X -q -At -h "$sock" -p "${port[$n]}" -d postgres -v ON_ERROR_STOP=1 "$@"; }
for n in coord shard_a shard_b; do
	q "$n" <<-SQL
		SET client_min_messages = warning;
		CREATE SCHEMA partman;
		CREATE EXTENSION pg_partman SCHEMA partman;
		CREATE EXTENSION thermaliq;
	SQL
done
# the shards' tables with monthly partitions over the year, like the one node's
for n in shard_a shard_b; do
	q "$n" -c "SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 2, p_start_partition := now() - interval '13 months')" >/dev/null
done
q coord -f deploy/shards/setup.sql \
	-v shards="shard_a=$sock:${port[shard_a]}/postgres shard_b=$sock:${port[shard_b]}/postgres" >/dev/null

# The same rows: the registry through the coordinator (it replicates), the
# readings straight into the shard that holds each facility.
for t in facilities meters facility_settings meter_settings; do
	psql -X -q -d "$base_db" -c "COPY thermaliq.$t TO STDOUT" | q coord -c "COPY thermaliq.$t FROM STDIN"
done
for r in 0 1; do
	n=$([ $r = 0 ] && echo shard_a || echo shard_b)
	psql -X -q -d "$base_db" -c "COPY (SELECT * FROM public.energy_readings WHERE thermaliq.facility_hash_remainder(facility_id, 2) = $r) TO STDOUT" \
		| q "$n" -c "COPY public.energy_readings FROM STDIN"
	q "$n" -c "VACUUM (ANALYZE, FREEZE) public.energy_readings"
done
q coord -c "ANALYZE public.energy_readings"
# the registry has reached both shards
for n in shard_a shard_b; do
	want=$(psql -X -At -d "$base_db" -c "SELECT count(*) FROM thermaliq.meters")
	for _ in $(seq 1 300); do
		[ "$(q "$n" -c "SELECT count(*) FROM thermaliq.meters")" = "$want" ] && break
		sleep 0.1
	done
done

# median of RUNS timings (ms) of one statement on one server, after a warm-up
median() {
	local n=$1 sql=$2 settings=${3:-}
	local target=(-d "$base_db")
	[ "$n" = one ] || target=(-h "$sock" -p "${port[$n]}" -d postgres)
	psql -X -At -v ON_ERROR_STOP=1 "${target[@]}" -v q="$sql" -v runs="$RUNS" <<-SQL | tail -1
		$settings
		CREATE FUNCTION pg_temp.bench(p_query text, p_runs int) RETURNS float8 LANGUAGE plpgsql AS \$\$
		DECLARE
			v_t0 timestamptz;
			v_ms float8[] := '{}';
		BEGIN
			EXECUTE p_query;
			FOR i IN 1 .. p_runs LOOP
				v_t0 := clock_timestamp();
				EXECUTE p_query;
				v_ms := v_ms || (extract(epoch FROM clock_timestamp() - v_t0) * 1000)::float8;
			END LOOP;
			RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(v_ms) x);
		END \$\$;
		SELECT round(pg_temp.bench(:'q', :runs)::numeric, 1);
	SQL
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }
pw="SET enable_partitionwise_aggregate = on;"
nopw="SET enable_partitionwise_aggregate = off;"

g1="SELECT facility_id, thermaliq.integral(thermaliq.time_weight(\"timestamp\", value)) FROM public.energy_readings WHERE meter_id = 'heat_out' GROUP BY facility_id"
g2="SELECT facility_id, thermaliq.time_bucket('1 day', \"timestamp\") d, thermaliq.integral(thermaliq.time_weight(\"timestamp\", value)) FROM public.energy_readings WHERE meter_id = 'heat_out' GROUP BY 1, 2"
rows=$(psql -X -At -d "$base_db" -c "SELECT count(*) FROM public.energy_readings WHERE meter_id = 'heat_out'")
pushed=$(q coord -c "$pw EXPLAIN (VERBOSE) $g2" | grep -c 'Relations: Aggregate on' || true)
b1=$(median one "$g1")
s1=$(median coord "$g1" "$pw")
n1=$(median coord "$g1" "$nopw")
b2=$(median one "$g2")
s2=$(median coord "$g2" "$pw")
n2=$(median coord "$g2" "$nopw")
echo "| 90 time_weight GROUP BY facility, one node ($rows heat_out rows; baseline) | $b1 | 1.00 |"
echo "| 90 the same on a coordinator, 2 shards on this machine, pushed down | $s1 | $(ratio "$s1" "$b1") |"
echo "| 90 the same on the coordinator, no pushdown (rows cross) | $n1 | $(ratio "$n1" "$b1") |"
echo "| 90 time_weight GROUP BY facility, day, one node (baseline) | $b2 | 1.00 |"
echo "| 90 the same, 2 shards, pushed down ($pushed remote aggregates in the plan) | $s2 | $(ratio "$s2" "$b2") |"
echo "| 90 the same, no pushdown | $n2 | $(ratio "$n2" "$b2") |"

# one facility on shard_a, a week of its rows
# (a bench plant's facility: other benches register facilities of their own)
fac=$(q coord -c "SELECT facility_id FROM thermaliq.facilities WHERE facility_id LIKE 'plant-%' AND thermaliq.facility_shard(facility_id, 'public.energy_readings') = 'shard_a' ORDER BY 1 LIMIT 1")
range="date_trunc('day', now()) - interval '10 days', date_trunc('day', now()) - interval '3 days'"
# As bench/75_baseline.sh: at most SIZEs the bench plant samples heat_out
# further apart than the default max_gap (15 min); this facility gets 3x
# the mean spacing, set on the coordinator and replicated to its shard.
gap=$(q coord -c "SELECT least(interval '31 days', greatest(interval '15 minutes', 3 * (max(\"timestamp\") - min(\"timestamp\")) / count(*)))
	FROM public.energy_readings WHERE facility_id = '$fac' AND meter_id = 'heat_out'")
q coord -c "INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('$fac', '$gap')
	ON CONFLICT (facility_id) DO UPDATE SET max_gap = EXCLUDED.max_gap" >/dev/null
for _ in $(seq 1 300); do
	[ "$(q shard_a -c "SELECT max_gap = '$gap'::interval FROM thermaliq.facility_settings WHERE facility_id = '$fac'")" = t ] && break
	sleep 0.1
done
es="SELECT count(*) FROM thermaliq.efficiency_series('$fac', $range, '1 hour', 'public.energy_readings')"
es_far="SELECT count(*) FROM thermaliq.efficiency_series('$fac', $range, '1 hour', 'public.energy_readings_shard_0')"
an="SELECT thermaliq.analyze('$fac', $range, '{}', 'public.energy_readings') ->> 'provenance_hash'"
an_far="SELECT thermaliq.analyze('$fac', $range, '{}', 'public.energy_readings_shard_0') ->> 'provenance_hash'"
e0=$(median shard_a "$es")
e1=$(median coord "$es")
e2=$(median coord "$es_far")
a0=$(median shard_a "$an")
a1=$(median coord "$an")
a2=$(median coord "$an_far")
echo "| 90 efficiency_series, 1 facility, 7 days hourly, on its shard (baseline) | $e0 | 1.00 |"
echo "| 90 the same called on the coordinator (run whole on the shard) | $e1 | $(ratio "$e1" "$e0") |"
echo "| 90 the same on the coordinator reading the shard's rows (foreign partition) | $e2 | $(ratio "$e2" "$e0") |"
echo "| 90 analyze, 1 facility, 7 days, on its shard (baseline) | $a0 | 1.00 |"
echo "| 90 the same called on the coordinator (run whole on the shard) | $a1 | $(ratio "$a1" "$a0") |"
echo "| 90 the same on the coordinator reading the shard's rows (foreign partition) | $a2 | $(ratio "$a2" "$a0") |"
