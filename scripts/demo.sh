#!/usr/bin/env bash
# scripts/demo.sh: `make demo`. Installs what is missing, builds, starts the
# throwaway cluster, loads a month of a synthetic plant into database
# thermaliq_demo (once per install script), prints the report, and stops the
# server it started. DEMO_FACILITIES (default 3) sizes the plant.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
. scripts/env.sh

started=0
[ "$(scripts/cluster.sh status)" = stopped ] && started=1
cleanup() { if [ "$started" = 1 ]; then scripts/cluster.sh stop; fi; }
trap cleanup EXIT
scripts/cluster.sh start

db=thermaliq_demo
stamp=$(cat "thermaliq--"*.sql thermaliq_demo--*.sql scripts/demo_load.sql | md5sum | cut -c1-32)
have=$(psql -X -At -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
if [ "$have" != "$stamp" ]; then
	tq_say "load a synthetic plant into $db (${DEMO_FACILITIES:-3} facilities, 30 days)"
	psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v facilities="${DEMO_FACILITIES:-3}" -f scripts/demo_load.sql
	psql -X -q -d postgres -c "COMMENT ON DATABASE $db IS '$stamp'"
else
	tq_say "$db is loaded already (same install script)"
fi
mkdir -p "$TQ_TMP/demo"
chmod 777 "$TQ_TMP/demo"
for report in scripts/demo_report.sql scripts/demo_report_plant.sql scripts/demo_report_baseline.sql scripts/demo_report_service.sql; do
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v outdir="$TQ_TMP/demo" -f "$report"
done
# One Sankey diagram per facility, over the same 29 full days.
for fid in $(psql -X -At -d "$db" -c "SELECT facility_id FROM thermaliq.facilities ORDER BY 1"); do
	psql -X -At -d "$db" -v ON_ERROR_STOP=1 -o "$TQ_TMP/demo/sankey-$fid.svg" -c \
		"SELECT thermaliq.sankey_svg('$fid', date_trunc('day', now()) - interval '29 days', date_trunc('day', now()))"
	echo "Sankey diagram of $fid: $TQ_TMP/demo/sankey-$fid.svg"
done
# One CUSUM chart per facility: its baseline over days -29 .. -10, savings
# over the last 9 full days (scripts/demo_report_baseline.sql prints both).
for fid in $(psql -X -At -d "$db" -c "SELECT facility_id FROM thermaliq.facilities ORDER BY 1"); do
	psql -X -At -d "$db" -v ON_ERROR_STOP=1 -o "$TQ_TMP/demo/cusum-$fid.svg" -c \
		"SELECT thermaliq.cusum_svg(f.facility_id, thermaliq.baseline(f.facility_id, date_trunc('day', now()) - interval '29 days',
			date_trunc('day', now()) - interval '9 days', '1 day',
			CASE WHEN f.process_type = 'hot_water_boiler' THEN 'hdd:15.5' ELSE 'useful_output' END),
			date_trunc('day', now()) - interval '9 days', date_trunc('day', now()))
		 FROM thermaliq.facilities f WHERE f.facility_id = '$fid'"
	echo "CUSUM chart of $fid: $TQ_TMP/demo/cusum-$fid.svg"
done
echo
echo "The cluster keeps its data in $TQ_DATA: 'scripts/cluster.sh start' and"
echo "'scripts/cluster.sh psql -d $db' to explore, 'make stop' to stop it."
