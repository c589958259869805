-- make demo: the report.
\pset footer off
\echo
\echo '== thermaliq demo: the plant'
SELECT f.facility_id, f.name, f.process_type, f.ambient_temperature_c AS ambient_c,
	string_agg(m.meter_id || ' (' || m.role || ', ' || m.unit || ')', ', ' ORDER BY m.meter_id) AS meters
FROM thermaliq.facilities f JOIN thermaliq.meters m USING (facility_id)
GROUP BY 1, 2, 3, 4 ORDER BY 1;

\echo '== readings per meter (last 30 days)'
SELECT facility_id, meter_id, count(*) AS readings,
	round(100.0 * count(*) FILTER (WHERE quality >= 2) / count(*), 2) AS bad_or_stale_pct,
	min("timestamp")::timestamp(0) AS first, max("timestamp")::timestamp(0) AS last
FROM public.energy_readings GROUP BY 1, 2 ORDER BY 1, 2;

\echo '== partitions (pg_partman)'
SELECT p.partition_tablename AS partition,
	(SELECT c.reltuples::bigint FROM pg_class c WHERE c.oid = format('%I.%I', p.partition_schemaname, p.partition_tablename)::regclass) AS rows_estimate,
	pg_size_pretty(pg_total_relation_size(format('%I.%I', p.partition_schemaname, p.partition_tablename))) AS size
FROM partman.show_partitions('public.energy_readings') p;
