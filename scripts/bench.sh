#!/usr/bin/env bash
# scripts/bench.sh [SIZE]: `make bench` (BENCH=glob: a subset of bench/). Loads SIZE readings (default 10
# million) of the synthetic plant, 100 facilities x 4 rate meters over one
# year, into database thermaliq_bench (kept between runs of the same SIZE),
# then runs every bench/NN_*.sh. Each prints markdown rows
# "| what | median ms | ratio vs baseline |" with its baseline measured in
# the same run; nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
. scripts/env.sh
SIZE=${1:-${SIZE:-10000000}}
export SIZE

started=0
[ "$(scripts/cluster.sh status)" = stopped ] && started=1
cleanup() { if [ "$started" = 1 ]; then scripts/cluster.sh stop; fi; }
trap cleanup EXIT
scripts/cluster.sh start

export PGDATABASE=thermaliq_bench
stamp="size=$SIZE $(cat "thermaliq--"*.sql | md5sum | cut -c1-32)"
have=$(psql -X -At -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$PGDATABASE'")
if [ "$have" != "$stamp" ]; then
	tq_say "generate $SIZE readings (100 facilities x 4 meters, one year) into $PGDATABASE"
	psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
	# gas_flow, heat_out, fg_temp, fg_o2 sample 4, 2, 0.2 and 0.5 times per
	# p_sample_interval: 6.7 rows per facility per interval.
	psql -X -q -v ON_ERROR_STOP=1 -v size="$SIZE" <<-'SQL'
		SET client_min_messages = warning;
		CREATE SCHEMA partman;
		CREATE EXTENSION pg_partman SCHEMA partman;
		CREATE EXTENSION thermaliq;
		CREATE EXTENSION thermaliq_demo;
		SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 2,
			p_start_partition := now() - interval '13 months');
		SELECT thermaliq.generate_plant(100, now() - interval '1 year', now(),
			p_sample_interval := make_interval(secs => 365 * 86400 * 6.7 * 100 / :size),
			p_meters := ARRAY['gas_flow', 'heat_out', 'fg_temp', 'fg_o2']) AS readings;
		VACUUM (ANALYZE, FREEZE) public.energy_readings;
	SQL
	psql -X -q -d postgres -c "COMMENT ON DATABASE $PGDATABASE IS '$stamp'"
fi
rows=$(psql -X -At -c "SELECT count(*) FROM public.energy_readings")
echo
echo "thermaliq bench: $rows readings, $(nproc) cores, PostgreSQL $(psql -X -At -c 'SHOW server_version')"
echo
echo "| what | median ms | ratio vs baseline |"
echo "|---|---:|---:|"
shopt -s nullglob
# BENCH='8*' runs a subset (bench/8*.sh)
for b in bench/${BENCH:-[0-9]*}.sh; do
	"$b" || echo "| $b failed | | |"
done
