-- make demo: the service inside the database (API.md section 7): a
-- scheduled rollup, the calculation queue and its metrics. The rollup and
-- the queued calculations are made afresh on every run and left in place
-- for exploring (drop_rollup('public.demo_hourly') removes the rollup).
\pset footer off
SET client_min_messages = warning;
SELECT thermaliq.drop_rollup(rollup_name) FROM thermaliq.rollups WHERE rollup_name = 'public.demo_hourly';
-- pg_cron runs in the database cron.database_name names (postgres here):
-- without pg_cron in this database the rollup has no job (a NOTICE says so)
SELECT thermaliq.create_rollup('public.demo_hourly') AS rollup \gset
\echo
\echo '== a scheduled rollup (thermaliq.create_rollup): daily energy of the last 7 days from its hourly rows (each meter over the time it covers, so a day with a meter gap is no efficiency: see analyze)'
SELECT facility_id, bucket_start::date AS day,
	round(sum(energy_kwh) FILTER (WHERE m.role = 'fuel_input')::numeric) AS fuel_kwh,
	round(sum(energy_kwh) FILTER (WHERE m.role LIKE '%output')::numeric) AS output_kwh,
	round((100 * sum(energy_kwh) FILTER (WHERE m.role LIKE '%output')
		/ nullif(sum(energy_kwh) FILTER (WHERE m.role = 'fuel_input'), 0))::numeric, 1) AS output_per_fuel_pct,
	count(*) AS hourly_rows
FROM public.demo_hourly_v r JOIN thermaliq.meters m USING (facility_id, meter_id)
WHERE bucket_start >= date_trunc('day', now()) - interval '7 days' AND bucket_start < date_trunc('day', now())
GROUP BY 1, 2 ORDER BY 1, 2;

\echo '== the calculation queue: last 3 full days of every facility, enqueued twice, run by run_pending()'
SELECT count(thermaliq.enqueue(f.facility_id, d, d + interval '1 day')) AS enqueued
FROM thermaliq.facilities f, generate_series(date_trunc('day', now()) - interval '3 days',
	date_trunc('day', now()) - interval '1 day', '1 day') d, generate_series(1, 2) twice;
SELECT thermaliq.run_pending() AS processed;
SELECT c.facility_id, c.period_from::date AS day, c.status,
	round((c.result #>> '{first_law,input_output_efficiency_pct}')::numeric, 2) AS efficiency_pct,
	count(*) FILTER (WHERE c.reused_from IS NOT NULL) AS answered_from_cache
FROM thermaliq.calculations c
WHERE c.calculation_id > coalesce((SELECT max(calculation_id) FROM thermaliq.calculations) - 18, 0)
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2;

\echo '== thermaliq.metrics (what deploy/postgres_exporter/queries.yaml serves to Prometheus)'
SELECT metric, CASE WHEN labels = '{}' THEN '' ELSE labels::text END AS labels, round(value::numeric, 3) AS value
FROM thermaliq.metrics ORDER BY metric, labels::text;
